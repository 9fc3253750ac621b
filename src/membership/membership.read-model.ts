import { STATUS_SQL } from 'src/membership/membership-rules';
import { PEOPLE_READ_MODEL as PEOPLE } from 'src/people/people.read-model';

/** A member as a CPD obligation of their category or speciality reads them. */
export interface CpdMember {
  personId: string;
  fullName: string;
  memberNumber: string;
  categoryCode: string;
  speciality: string | null;
  memberSince: string;
}

/** Members as CPD reads them; the status rule reads the day at $1. */
const CPD_MEMBER_SELECT = `SELECT m.person_id AS "personId", ${PEOPLE.fullName('p')} AS "fullName",
         m.member_number AS "memberNumber", c.code AS "categoryCode", m.speciality,
         m.member_since::text AS "memberSince"
    FROM memberships m
    JOIN membership_categories c ON c.id = m.category_id
    ${PEOPLE.join('p', 'm.person_id')}`;

/**
 * What the CPD transcript reads of a membership inside its own statement. The day must be at $1,
 * where the membership status rule reads it.
 */
export const MEMBERSHIP_READ_MODEL = {
  /**
   * Members in good standing on the day at $1 whom a CPD policy binds: those of the category at
   * `categoryPlaceholder`, or of the speciality at `specialityPlaceholder` (either may be null).
   * CpdMember rows.
   */
  cpdMembers: (categoryPlaceholder: string, specialityPlaceholder: string) =>
    `${CPD_MEMBER_SELECT}
      WHERE ${STATUS_SQL} IN ('active', 'grace')
        AND (${categoryPlaceholder}::text IS NULL OR c.code = ${categoryPlaceholder})
        AND (${specialityPlaceholder}::text IS NULL
             OR lower(m.speciality) = lower(${specialityPlaceholder}))`,
  /** The person's membership if in good standing on the day at $1: a CpdMember as JSON, or null. */
  cpdMemberJson: (personIdPlaceholder: string) =>
    `(SELECT row_to_json(member)
        FROM (${CPD_MEMBER_SELECT}
               WHERE m.person_id = ${personIdPlaceholder} AND ${STATUS_SQL} IN ('active', 'grace')) member)`,
} as const;

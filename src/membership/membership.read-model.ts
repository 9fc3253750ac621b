import { HOLDS_FOR_SQL } from 'src/common/profession-scope';
import { STATUS_SQL, statusOnSql } from 'src/membership/membership-rules';
import { PEOPLE_READ_MODEL as PEOPLE } from 'src/people/people.read-model';

/** A member as a CPD obligation of their category or speciality reads them. */
export interface CpdMember {
  personId: string;
  fullName: string;
  memberNumber: string;
  categoryCode: string;
  /** The profession of the category (null: a category of no profession). */
  categoryProfessionId?: string | null;
  speciality: string | null;
  memberSince: string;
}

/** Members as CPD reads them; the status rule reads the day at $1. */
const CPD_MEMBER_SELECT = `SELECT m.person_id AS "personId", ${PEOPLE.fullName('p')} AS "fullName",
         m.member_number AS "memberNumber", c.code AS "categoryCode",
         c.profession_id AS "categoryProfessionId", m.speciality,
         m.member_since::text AS "memberSince"
    FROM memberships m
    JOIN membership_categories c ON c.id = m.category_id
    ${PEOPLE.join('p', 'm.person_id')}`;

/**
 * What the CPD transcript reads of a membership inside its own statement. The day must be at $1,
 * where the membership status rule reads it.
 */
/**
 * The chapter of the person at `personColumn`: their membership's, or before admission their
 * open application's (a person has one membership and one open application at most). The one
 * place a member's chapter is read from: numbers, public search, people search, reports.
 */
const CHAPTER_OF_PERSON = (personColumn: string) =>
  `coalesce((SELECT m.chapter_id FROM memberships m WHERE m.person_id = ${personColumn}),
            (SELECT a.chapter_id FROM membership_applications a
              WHERE a.person_id = ${personColumn}
                AND a.status IN ('draft', 'submitted', 'under_review')))`;

export const MEMBERSHIP_READ_MODEL = {
  chapterOfPerson: CHAPTER_OF_PERSON,
  /**
   * Members in good standing on the day at $1 whom a CPD policy binds: those of the category at
   * `categoryPlaceholder`, or of the speciality at `specialityPlaceholder` (either may be null).
   * CpdMember rows.
   */
  cpdMembers: (categoryPlaceholder: string, specialityPlaceholder: string, professionPh: string) =>
    `${CPD_MEMBER_SELECT}
      WHERE ${STATUS_SQL} IN ('active', 'grace')
        AND ${HOLDS_FOR_SQL('c.profession_id', professionPh)}
        AND (${categoryPlaceholder}::text IS NULL OR c.code = ${categoryPlaceholder})
        AND (${specialityPlaceholder}::text IS NULL
             OR lower(m.speciality) = lower(${specialityPlaceholder}))`,
  /** The person's membership if in good standing on the day at `dayPh`: a CpdMember as JSON, or null. */
  cpdMemberJson: (personIdPlaceholder: string, dayPh: string) =>
    `(SELECT row_to_json(member)
        FROM (${CPD_MEMBER_SELECT}
               WHERE m.person_id = ${personIdPlaceholder}
                 AND ${statusOnSql(dayPh)} IN ('active', 'grace')) member)`,
} as const;

/**
 * A person's membership with what a standing reads of it: its category's rules, its dated
 * changes and its granted periods (each dated in the zone at `tzPh`), as one JSON
 * MembershipHistoryRow, or null for someone who has none.
 */
const STANDING_HISTORY = (personPh: string, tzPh: string) =>
  `(SELECT json_build_object(
            'membershipId', m.id, 'memberNumber', m.member_number, 'memberSince', m.member_since,
            'importId', m.import_id,
            'category', json_build_object(
              'code', c.code, 'name', c.name, 'professionId', c.profession_id,
              'requirements', c.requirements, 'graceDays', c.grace_days),
            'changes', (SELECT coalesce(json_agg(json_build_object(
                                 'toStatus', ch.to_status, 'effectiveOn', ch.effective_on,
                                 'suspendedUntil', ch.suspended_until)
                               ORDER BY ch.effective_on, ch.created_at, ch.id), '[]'::json)
                          FROM membership_status_changes ch WHERE ch.membership_id = m.id),
            'granted', (SELECT coalesce(json_agg(json_build_object(
                                 'endsOn', p.ends_on,
                                 'grantedOn', (p.granted_at AT TIME ZONE ${tzPh})::date)), '[]'::json)
                          FROM membership_periods p
                         WHERE p.membership_id = m.id AND p.granted_at IS NOT NULL))
       FROM memberships m JOIN membership_categories c ON c.id = m.category_id
      WHERE m.person_id = ${personPh})`;

/**
 * Memberships whose cover runs, or ran, near the day at `todayPh` (active, in grace or lapsed by
 * their stored status; not suspended or ended): reminder items {itemId, personId, endsOn,
 * graceDays, label, professionId, scopeId (the category)}, `endsOn` the last day of cover.
 */
export const MEMBERSHIP_REMINDERS_READ_MODEL = {
  coverForReminders: (todayPh: string, aheadDaysPh: string) =>
    `SELECT m.id AS "itemId", m.person_id AS "personId", m.covered_until AS "endsOn",
            c.grace_days AS "graceDays", m.member_number AS label,
            c.profession_id AS "professionId", c.id AS "scopeId"
       FROM memberships m JOIN membership_categories c ON c.id = m.category_id
      WHERE m.status IN ('active', 'grace', 'lapsed')
        AND m.covered_until <= ${todayPh}::date + ${aheadDaysPh}::int
        AND m.covered_until >= ${todayPh}::date - (c.grace_days + 400)`,
} as const;

/** What a standing reads of a membership, in one statement with the other modules' facts. */
export const MEMBERSHIP_STANDING_READ_MODEL = {
  historyJson: STANDING_HISTORY,
  /** The profession of the person's membership category (null: none). */
  professionOf: (personPh: string) =>
    `(SELECT c.profession_id FROM memberships m
        JOIN membership_categories c ON c.id = m.category_id WHERE m.person_id = ${personPh})`,
} as const;

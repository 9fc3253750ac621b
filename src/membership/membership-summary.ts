import type { MembershipSummaryResponse } from 'src/membership/dto/membership.dto';
import { type MembershipStatus, STATUS_SQL } from 'src/membership/membership-rules';
import { PEOPLE_READ_MODEL as PEOPLE } from 'src/people/people.read-model';

/** A membership as lists show it: the columns every list reads, and their response. */
export interface SummaryRow {
  id: string;
  person_id: string;
  full_name: string;
  member_number: string;
  category_id: string;
  category_code: string;
  category_name: string;
  chapter_id: string;
  speciality: string | null;
  status: MembershipStatus;
  member_since: string;
  covered_until: string;
  grace_ends_on: string;
}

/** The columns of a list row, over `memberships m` with SUMMARY_JOINS; `$1` is today. */
export const SUMMARY_COLUMNS = `m.id, m.person_id, ${PEOPLE.fullName('p')} AS full_name, m.member_number, c.id AS category_id,
  c.code AS category_code, c.name AS category_name, m.chapter_id, m.speciality,
  ${STATUS_SQL} AS status, m.member_since::text, m.covered_until::text,
  (m.covered_until + c.grace_days)::text AS grace_ends_on`;

/** The person and the category a list row reads, as `p` and `c`. */
export const SUMMARY_JOINS = `${PEOPLE.join('p', 'm.person_id')}
  JOIN membership_categories c ON c.id = m.category_id`;

export const toSummary = (row: SummaryRow): MembershipSummaryResponse => ({
  id: row.id,
  personId: row.person_id,
  fullName: row.full_name,
  memberNumber: row.member_number,
  category: { id: row.category_id, code: row.category_code, name: row.category_name },
  chapterId: row.chapter_id,
  speciality: row.speciality,
  status: row.status,
  memberSince: row.member_since,
  coveredUntil: row.covered_until,
  graceEndsOn: row.grace_ends_on,
});

import type { MembershipSummaryResponse } from 'src/membership/dto/membership.dto';
import { type MembershipStatus, STATUS_SQL } from 'src/membership/membership-rules';

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

export const SUMMARY_COLUMNS = `m.id, m.person_id, p.full_name, m.member_number, c.id AS category_id,
  c.code AS category_code, c.name AS category_name, m.chapter_id, m.speciality,
  ${STATUS_SQL} AS status, m.member_since::text, m.covered_until::text,
  (m.covered_until + c.grace_days)::text AS grace_ends_on`;

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

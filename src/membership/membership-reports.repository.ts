import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { STATUS_SQL } from 'src/membership/membership-rules';
import { SUMMARY_COLUMNS, type SummaryRow } from 'src/membership/membership-summary';

/**
 * The reports' reads of the register. They join persons and chapters (names and codes) and the
 * ethics module's pledges read-only, so a report pages at any size in one query.
 */
@Injectable()
export class MembershipReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Members by status, by category and status, by chapter and status, on `asOf`. */
  statusCounts(asOf: string) {
    return this.dataSource.query<
      {
        grouping: 'status' | 'category' | 'chapter';
        code: string | null;
        name: string | null;
        status: string;
        count: number;
      }[]
    >(
      `WITH current AS (
         SELECT ${STATUS_SQL} AS status, c.code AS category_code, c.name AS category_name,
                ch.code AS chapter_code, ch.name AS chapter_name
           FROM memberships m
           JOIN membership_categories c ON c.id = m.category_id
           JOIN chapters ch ON ch.id = m.chapter_id)
       SELECT CASE WHEN GROUPING(category_code) = 0 THEN 'category'
                   WHEN GROUPING(chapter_code) = 0 THEN 'chapter' ELSE 'status' END AS grouping,
              coalesce(category_code, chapter_code) AS code,
              coalesce(category_name, chapter_name) AS name, status, count(*)::int AS count
         FROM current
        GROUP BY GROUPING SETS ((status), (category_code, category_name, status),
                                (chapter_code, chapter_name, status))
        ORDER BY code NULLS FIRST, status`,
      [asOf],
    );
  }

  /** Who enters grace or lapses after `from` and up to `to`. */
  upcomingChanges(from: string, to: string) {
    return this.dataSource.query<
      {
        id: string;
        member_number: string;
        full_name: string;
        chapter_code: string;
        category: string;
        event: 'enters_grace' | 'lapses';
        on: string;
      }[]
    >(
      `WITH window_members AS (
         SELECT m.id, m.member_number, m.person_id, m.chapter_id, c.code AS category,
                ${STATUS_SQL} AS status, m.covered_until + 1 AS grace_starts,
                m.covered_until + c.grace_days + 1 AS lapses_on
           FROM memberships m JOIN membership_categories c ON c.id = m.category_id
          WHERE m.status IN ('active', 'grace', 'lapsed')
            AND m.covered_until BETWEEN $1::date - c.grace_days - 1 AND $2::date)
       SELECT w.id, w.member_number, p.full_name, ch.code AS chapter_code, w.category, e.event, e.happens_on::text AS "on"
         FROM window_members w
         JOIN persons p ON p.id = w.person_id
         JOIN chapters ch ON ch.id = w.chapter_id
         CROSS JOIN LATERAL (VALUES ('enters_grace', w.grace_starts), ('lapses', w.lapses_on)) AS e (event, happens_on)
        WHERE w.status IN ('active', 'grace') AND e.happens_on > $1::date AND e.happens_on <= $2::date
          AND NOT (e.event = 'enters_grace' AND w.status = 'grace')
        ORDER BY e.happens_on, w.member_number`,
      [from, to],
    );
  }

  /** Current members without a pledge to a version in force since `since`, and how many (capped). */
  async unpledgedPage(filters: {
    today: string;
    since: string;
    limit: number;
    offset: number;
    countCap: number;
  }): Promise<{ rows: SummaryRow[]; total: number }> {
    const from = `FROM memberships m JOIN persons p ON p.id = m.person_id
      JOIN membership_categories c ON c.id = m.category_id
     WHERE ${STATUS_SQL} IN ('active', 'grace', 'suspended')
       AND NOT EXISTS (
         SELECT 1 FROM ethics_pledges ep JOIN ethics_code_versions v ON v.id = ep.code_version_id
          WHERE ep.person_id = m.person_id AND v.effective_from >= $2::date)`;
    const rows = await this.dataSource.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} ${from} ORDER BY m.member_number LIMIT $3 OFFSET $4`,
      [filters.today, filters.since, filters.limit, filters.offset],
    );
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM (SELECT 1 ${from} LIMIT ${filters.countCap + 1}) capped`,
      [filters.today, filters.since],
    );
    return { rows, total };
  }

  /** The next `size` members after member number `after`, with their chapter's code. */
  registerBatch(today: string, after: string, size: number) {
    return this.dataSource.query<(SummaryRow & { chapter_code: string })[]>(
      `SELECT ${SUMMARY_COLUMNS}, ch.code AS chapter_code
         FROM memberships m JOIN persons p ON p.id = m.person_id
         JOIN membership_categories c ON c.id = m.category_id
         JOIN chapters ch ON ch.id = m.chapter_id
        WHERE m.member_number > $2 ORDER BY m.member_number LIMIT ${size}`,
      [today, after],
    );
  }
}

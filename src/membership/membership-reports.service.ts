import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { Calendar } from 'src/common/calendar';
import { csvRow } from 'src/common/csv';
import { addDays } from 'src/common/dates';
import { EthicsService } from 'src/ethics/ethics.service';
import type {
  GroupCount,
  MembershipCountsResponse,
  UnpledgedPage,
  UnpledgedQuery,
  UpcomingChange,
  UpcomingResponse,
} from 'src/membership/dto/membership-reports.dto';
import { COUNT_CAP } from 'src/common/paging';
import { STATUS_SQL } from 'src/membership/membership-rules';
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from 'src/membership/membership-summary';

const EXPORT_BATCH = 5_000;

const EXPORT_COLUMNS = [
  'member_number',
  'full_name',
  'status',
  'category',
  'chapter',
  'speciality',
  'member_since',
  'covered_until',
  'grace_ends_on',
];

/** Reports for staff: counts, what changes soon, who has not pledged, the whole register as CSV. */
@Injectable()
export class MembershipReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: Calendar,
    private readonly ethics: EthicsService,
  ) {}

  async counts(): Promise<MembershipCountsResponse> {
    const asOf = this.calendar.today();
    const rows = await this.dataSource.query<
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
    const groups = (grouping: 'category' | 'chapter'): GroupCount[] => {
      const byCode = new Map<string, GroupCount>();
      for (const row of rows.filter((r) => r.grouping === grouping)) {
        const group = byCode.get(row.code!) ?? {
          code: row.code!,
          name: row.name!,
          total: 0,
          byStatus: [],
        };
        group.total += row.count;
        group.byStatus.push({ status: row.status, count: row.count });
        byCode.set(row.code!, group);
      }
      return [...byCode.values()];
    };
    const byStatus = rows
      .filter((row) => row.grouping === 'status')
      .map(({ status, count }) => ({ status, count }));
    return {
      asOf,
      total: byStatus.reduce((sum, row) => sum + row.count, 0),
      byStatus,
      byCategory: groups('category'),
      byChapter: groups('chapter'),
    };
  }

  /** Members whose cover ends (entering grace) or whose grace ends (lapsing) in the next days. */
  async upcoming(days: number): Promise<UpcomingResponse> {
    const from = this.calendar.today();
    const to = addDays(from, days);
    const rows = await this.dataSource.query<
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
    const items: UpcomingChange[] = rows.map((row) => ({
      membershipId: row.id,
      memberNumber: row.member_number,
      fullName: row.full_name,
      chapterCode: row.chapter_code,
      category: row.category,
      event: row.event,
      on: row.on,
    }));
    return { from, to, items };
  }

  upcomingCsv(report: UpcomingResponse): string {
    return (
      csvRow(['member_number', 'full_name', 'chapter', 'category', 'event', 'on']) +
      report.items
        .map((item) =>
          csvRow([
            item.memberNumber,
            item.fullName,
            item.chapterCode,
            item.category,
            item.event,
            item.on,
          ]),
        )
        .join('')
    );
  }

  /**
   * Current members (active, grace, suspended) without a pledge to the code in force. Reads the
   * ethics module's pledge table: a read-only join, so the list pages at any size.
   */
  async unpledged(query: UnpledgedQuery): Promise<UnpledgedPage> {
    const version = await this.ethics.versionInForce(this.dataSource.manager);
    if (!version)
      return { items: [], page: query.page, pageSize: query.pageSize, total: 0, version: null };
    const from = `FROM memberships m JOIN persons p ON p.id = m.person_id
      JOIN membership_categories c ON c.id = m.category_id
     WHERE ${STATUS_SQL} IN ('active', 'grace', 'suspended')
       AND NOT EXISTS (
         SELECT 1 FROM ethics_pledges ep JOIN ethics_code_versions v ON v.id = ep.code_version_id
          WHERE ep.person_id = m.person_id AND v.effective_from >= $2::date)`;
    const rows = await this.dataSource.query<SummaryRow[]>(
      `SELECT ${SUMMARY_COLUMNS} ${from} ORDER BY m.member_number LIMIT $3 OFFSET $4`,
      [this.calendar.today(), version.effectiveFrom, query.pageSize, query.offset],
    );
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM (SELECT 1 ${from} LIMIT ${COUNT_CAP + 1}) capped`,
      [this.calendar.today(), version.effectiveFrom],
    );
    return {
      items: rows.map(toSummary),
      page: query.page,
      pageSize: query.pageSize,
      total: Math.min(total, COUNT_CAP),
      version: version.version,
    };
  }

  /** The whole register as CSV, read in batches by member number so memory stays flat. */
  exportCsv(): Readable {
    const today = this.calendar.today();
    const dataSource = this.dataSource;
    async function* lines() {
      yield csvRow(EXPORT_COLUMNS);
      let after = '';
      for (;;) {
        const rows = await dataSource.query<(SummaryRow & { chapter_code: string })[]>(
          `SELECT ${SUMMARY_COLUMNS}, ch.code AS chapter_code
             FROM memberships m JOIN persons p ON p.id = m.person_id
             JOIN membership_categories c ON c.id = m.category_id
             JOIN chapters ch ON ch.id = m.chapter_id
            WHERE m.member_number > $2 ORDER BY m.member_number LIMIT ${EXPORT_BATCH}`,
          [today, after],
        );
        if (!rows.length) return;
        yield rows
          .map((row) =>
            csvRow([
              row.member_number,
              row.full_name,
              row.status,
              row.category_code,
              row.chapter_code,
              row.speciality,
              row.member_since,
              row.covered_until,
              row.grace_ends_on,
            ]),
          )
          .join('');
        after = rows.at(-1)!.member_number;
      }
    }
    return Readable.from(lines());
  }
}

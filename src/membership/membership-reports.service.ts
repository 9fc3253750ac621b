import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { Calendar } from 'src/common/calendar';
import { csvRow } from 'src/common/csv';
import { addDays } from 'src/common/dates';
import { Transactions } from 'src/database/transactions';
import { EthicsPort } from 'src/ethics/ethics.port';
import type {
  GroupCount,
  MembershipCountsResponse,
  UnpledgedPage,
  UnpledgedQuery,
  UpcomingChange,
  UpcomingResponse,
} from 'src/membership/dto/membership-reports.dto';
import { COUNT_CAP } from 'src/common/paging';
import { toSummary } from 'src/membership/membership-summary';
import { MembershipReportsRepository } from 'src/membership/membership-reports.repository';

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
    private readonly transactions: Transactions,
    private readonly repository: MembershipReportsRepository,
    private readonly calendar: Calendar,
    private readonly ethics: EthicsPort,
  ) {}

  async counts(): Promise<MembershipCountsResponse> {
    const asOf = this.calendar.today();
    const rows = await this.repository.statusCounts(asOf);
    const groups = (grouping: 'category' | 'chapter'): GroupCount[] => {
      // A category's code is its profession's own: two professions' STUDENT are two groups.
      const byCode = new Map<string, GroupCount>();
      for (const row of rows.filter((r) => r.grouping === grouping)) {
        const key = `${row.profession ?? ''}/${row.code}`;
        const group = byCode.get(key) ?? {
          code: row.code!,
          name: row.name!,
          ...(grouping === 'category' && { profession: row.profession }),
          total: 0,
          byStatus: [],
        };
        group.total += row.count;
        group.byStatus.push({ status: row.status, count: row.count });
        byCode.set(key, group);
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
    const rows = await this.repository.upcomingChanges(from, to);
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
   * Current members (active, grace, suspended) who have not pledged to the code in force of their
   * category's profession. Reads the ethics module's read model: set-based, so the list pages at
   * any size. `version` names the code in force where only one profession has a code.
   */
  async unpledged(query: UnpledgedQuery): Promise<UnpledgedPage> {
    const { rows, total } = await this.repository.unpledgedPage({
      today: this.calendar.today(),
      profession: query.profession,
      limit: query.pageSize,
      offset: query.offset,
      countCap: COUNT_CAP,
    });
    return {
      items: rows.map((row) => ({
        ...toSummary(row),
        profession: row.profession_code,
        codeVersion: row.code_version,
      })),
      page: query.page,
      pageSize: query.pageSize,
      total: Math.min(total, COUNT_CAP),
      version: query.profession
        ? ((await this.ethics.versionInForceOf(this.transactions.reader, query.profession))
            ?.version ?? null)
        : ((await this.ethics.soleVersionInForce(this.transactions.reader))?.version ?? null),
    };
  }

  /** The whole register as CSV, read in batches by member number so memory stays flat. */
  exportCsv(): Readable {
    const today = this.calendar.today();
    const repository = this.repository;
    async function* lines() {
      yield csvRow(EXPORT_COLUMNS);
      let after = '';
      for (;;) {
        const rows = await repository.registerBatch(today, after, EXPORT_BATCH);
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

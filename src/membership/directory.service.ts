import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Calendar } from 'src/common/calendar';
import { escapeLike } from 'src/common/paging';
import type { DirectoryPage, DirectoryQuery } from 'src/membership/dto/directory.dto';
import { runMemberList } from 'src/membership/member-list-query';
import { STATUS_SQL } from 'src/membership/membership-rules';

const PAGE_SIZE = 20;

/**
 * The public directory: members who opted in and are members today (active or in grace), with
 * public fields only, in member-number order. No total is given, so the list cannot be sized or
 * walked cheaply.
 */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: Calendar,
  ) {}

  async search(query: DirectoryQuery): Promise<DirectoryPage> {
    const params: unknown[] = [this.calendar.today()];
    const param = (value: unknown) => `$${params.push(value)}`;
    const memberWhere = ['m.listed_in_directory'];
    if (query.chapter) {
      memberWhere.push(
        `m.chapter_id = (SELECT id FROM chapters WHERE code = ${param(query.chapter)})`,
      );
    }
    if (query.speciality) {
      memberWhere.push(
        `fold_text(m.speciality) LIKE '%' || fold_text(${param(escapeLike(query.speciality))}) || '%'`,
      );
    }
    const rows = await runMemberList<{
      full_name: string;
      member_number: string;
      category: string;
      chapter_code: string;
      chapter_name: string;
      speciality: string | null;
      member_since: string;
    }>(
      this.dataSource,
      {
        columns: `p.full_name, m.member_number, c.name AS category, ch.code AS chapter_code,
                  ch.name AS chapter_name, m.speciality, m.member_since::text`,
        joins: 'JOIN chapters ch ON ch.id = m.chapter_id',
        memberWhere,
        residualWhere: [`${STATUS_SQL} IN ('active', 'grace')`],
        name:
          query.name === undefined
            ? undefined
            : { placeholder: param(escapeLike(query.name)), value: escapeLike(query.name) },
        limit: PAGE_SIZE + 1,
        offset: (query.page - 1) * PAGE_SIZE,
      },
      params,
    );
    return {
      items: rows.slice(0, PAGE_SIZE).map((row) => ({
        fullName: row.full_name,
        memberNumber: row.member_number,
        category: row.category,
        chapterCode: row.chapter_code,
        chapterName: row.chapter_name,
        speciality: row.speciality,
        memberSince: row.member_since,
      })),
      page: query.page,
      pageSize: PAGE_SIZE,
      hasMore: rows.length > PAGE_SIZE,
    };
  }
}

import { Injectable } from '@nestjs/common';
import type { StaffScope } from 'src/auth/principal';
import { fitsSql } from 'src/membership/staff-scopes.repository';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHAPTERS_READ_MODEL as CHAPTERS } from 'src/chapters/chapters.read-model';
import { escapeLike } from 'src/common/paging';
import type { DirectoryQuery } from 'src/membership/dto/directory.dto';
import type { MembershipsQuery } from 'src/membership/dto/membership.dto';
import { type MembershipStatus, STATUS_SQL } from 'src/membership/membership-rules';
import { SUMMARY_COLUMNS, SUMMARY_JOINS, type SummaryRow } from 'src/membership/membership-summary';
import { PEOPLE_READ_MODEL as PEOPLE } from 'src/people/people.read-model';
import { PROFESSIONS_READ_MODEL as PROFESSIONS } from 'src/professions/professions.read-model';

/** Members the first pass reads, in member-number order, before the exact search takes over. */
const WINDOW = 500;

/**
 * A page of members in member-number order, in SQL whose aliases are `m` (memberships), `p`
 * (the person) and `c` (membership categories). `$1` is always today.
 */
interface MemberListQuery {
  columns: string;
  /** Joins beyond persons and categories. */
  joins?: string;
  /** Conditions on the membership row alone (indexes serve them). */
  memberWhere: string[];
  /** Conditions that read the category (the status a reader sees); the name is apart. */
  residualWhere: string[];
  /** Conditions on the membership row implied by the residual ones, for the exact pass's indexes. */
  exactWhere?: string[];
  /** The name searched for (ignoring case and accents): its placeholder and its value. */
  name?: { placeholder: string; value: string };
  limit: number;
  offset: number;
}

/** Below this many people matching a name (the planner's estimate), the exact pass goes first. */
const RARE_NAME = 5_000;

/** Narrowing conditions for a status filter that indexes on (status, covered_until) can serve. */
function statusFilter(status: MembershipStatus, placeholder: string): string[] {
  switch (status) {
    case 'active':
      return [
        `m.status IN ('active', 'grace', 'lapsed', 'suspended')`,
        'm.covered_until >= $1::date',
      ];
    case 'grace':
    case 'lapsed':
      return [
        `m.status IN ('active', 'grace', 'lapsed', 'suspended')`,
        'm.covered_until < $1::date',
      ];
    default:
      return [`m.status = ${placeholder}`];
  }
}

export interface DirectoryRow {
  full_name: string;
  member_number: string;
  category: string;
  chapter_code: string;
  chapter_name: string;
  speciality: string | null;
  member_since: string;
}

/** The member lists: staff's, filtered and paged, and the public directory. */
@Injectable()
export class MemberListRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Staff's member list, in member-number order, `limit` rows from `offset` or after the member
   * number `after`. Filters are written so indexes serve them: the status a reader sees is
   * narrowed by the stored status and the cover's end first.
   */
  staffPage(
    today: string,
    query: Pick<
      MembershipsQuery,
      'memberNumber' | 'categoryId' | 'chapterId' | 'status' | 'name' | 'after'
    >,
    limit: number,
    offset: number,
    scope: StaffScope | null = null,
  ): Promise<SummaryRow[]> {
    const params: unknown[] = [today];
    const param = (value: unknown) => `$${params.push(value)}`;
    const memberWhere: string[] = [];
    const residualWhere: string[] = [];
    const exactWhere: string[] = [];
    if (scope) {
      memberWhere.push(
        fitsSql('m', {
          profession: `${param(scope.professionId)}::uuid`,
          chapter: `${param(scope.chapterId)}::uuid`,
        }),
      );
    }
    if (query.memberNumber) memberWhere.push(`m.member_number = ${param(query.memberNumber)}`);
    if (query.categoryId) memberWhere.push(`m.category_id = ${param(query.categoryId)}`);
    if (query.chapterId) memberWhere.push(`m.chapter_id = ${param(query.chapterId)}`);
    if (query.status) {
      // One placeholder for both: every pass must name every parameter it is given.
      const status = param(query.status);
      residualWhere.push(`${STATUS_SQL} = ${status}`);
      exactWhere.push(...statusFilter(query.status, status));
    }
    if (query.after) memberWhere.push(`m.member_number > ${param(query.after)}`);
    return this.run<SummaryRow>(
      {
        columns: SUMMARY_COLUMNS,
        memberWhere,
        residualWhere,
        exactWhere,
        name: query.name === undefined ? undefined : named(param, query.name),
        limit,
        offset,
      },
      params,
    );
  }

  /** The public directory: listed members who are members today, public columns only. */
  directoryPage(
    today: string,
    query: Pick<DirectoryQuery, 'chapter' | 'profession' | 'speciality' | 'name'>,
    limit: number,
    offset: number,
  ): Promise<DirectoryRow[]> {
    const params: unknown[] = [today];
    const param = (value: unknown) => `$${params.push(value)}`;
    const memberWhere = ['m.listed_in_directory'];
    if (query.chapter)
      memberWhere.push(`m.chapter_id = ${CHAPTERS.idOfCode(param(query.chapter))}`);
    if (query.profession) {
      memberWhere.push(
        `m.category_id IN (SELECT pc.id FROM membership_categories pc
                            WHERE pc.profession_id = ${PROFESSIONS.idOfCode(param(query.profession))})`,
      );
    }
    if (query.speciality) {
      memberWhere.push(
        `fold_text(m.speciality) LIKE '%' || fold_text(${param(escapeLike(query.speciality))}) || '%'`,
      );
    }
    return this.run<DirectoryRow>(
      {
        columns: `${PEOPLE.fullName('p')} AS full_name, m.member_number, c.name AS category,
                  ${CHAPTERS.code('ch')} AS chapter_code, ${CHAPTERS.name('ch')} AS chapter_name,
                  m.speciality, m.member_since::text`,
        joins: CHAPTERS.join('ch', 'm.chapter_id'),
        memberWhere,
        residualWhere: [`${STATUS_SQL} IN ('active', 'grace')`],
        name: query.name === undefined ? undefined : named(param, query.name),
        limit,
        offset,
      },
      params,
    );
  }

  /**
   * Runs a member list in up to two passes. A search whose matches are common fills its page from
   * the first members in order (the first pass reads a window of them); one whose matches are rare
   * goes to the exact pass, which finds every match by the trigram index first and then orders
   * them. Each pass alone is slow where the other is fast; the planner cannot tell which applies.
   */
  private async run<Row>(query: MemberListQuery, params: unknown[]): Promise<Row[]> {
    const joins = `${SUMMARY_JOINS} ${query.joins ?? ''}`;
    const residual = [
      ...(query.name ? [PEOPLE.nameContains('p', query.name.placeholder)] : []),
      ...query.residualWhere,
    ];
    const where = (conditions: string[]) =>
      ['$1::date IS NOT NULL', ...conditions].map((condition) => `(${condition})`).join(' AND ');
    const limit = `$${params.length + 1}`;
    const offset = `$${params.length + 2}`;
    if (
      residual.length &&
      query.offset === 0 &&
      !(query.name && (await this.isRare(query.name.value)))
    ) {
      const window = `(SELECT * FROM memberships m WHERE ${where(query.memberWhere)}
      ORDER BY m.member_number LIMIT ${WINDOW})`;
      const rows = await this.dataSource.query<Row[]>(
        `SELECT ${query.columns} FROM ${window} m ${joins}
        WHERE ${where(residual)} ORDER BY m.member_number LIMIT ${limit}`,
        [...params, query.limit],
      );
      if (rows.length === query.limit) return rows;
    }
    // The matching people are gathered first (an array the planner cannot misjudge), then their
    // memberships are fetched by person.
    const matches = query.name
      ? [`m.person_id = ANY (${PEOPLE.idsWithNameContaining(query.name.placeholder)})`]
      : [];
    // People are joined to the page only, not to every match.
    const page = `(SELECT m.* FROM memberships m JOIN membership_categories c ON c.id = m.category_id
      WHERE ${where([...matches, ...query.memberWhere, ...(query.exactWhere ?? []), ...query.residualWhere])}
      ORDER BY m.member_number LIMIT ${limit} OFFSET ${offset})`;
    return this.dataSource.query<Row[]>(
      `SELECT ${query.columns} FROM ${page} m ${joins} ORDER BY m.member_number`,
      [...params, query.limit, query.offset],
    );
  }

  /** Whether few people bear a name, by the planner's estimate from the trigram statistics. */
  private async isRare(name: string): Promise<boolean> {
    const [row] = await this.dataSource.query<
      { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]
    >(PEOPLE.estimateNamesContaining, [name]);
    return row['QUERY PLAN'][0].Plan['Plan Rows'] < RARE_NAME;
  }
}

/** A name searched for: its placeholder and value, escaped for LIKE. */
function named(param: (value: unknown) => string, name: string) {
  const value = escapeLike(name);
  return { placeholder: param(value), value };
}

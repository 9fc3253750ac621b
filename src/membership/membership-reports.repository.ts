import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CHAPTERS_READ_MODEL as CHAPTERS } from 'src/chapters/chapters.read-model';
import { ETHICS_READ_MODEL as ETHICS } from 'src/ethics/ethics.read-model';
import { STATUS_SQL } from 'src/membership/membership-rules';
import { SUMMARY_COLUMNS, SUMMARY_JOINS, type SummaryRow } from 'src/membership/membership-summary';
import { PEOPLE_READ_MODEL as PEOPLE } from 'src/people/people.read-model';
import { PROFESSIONS_READ_MODEL as PROFESSIONS } from 'src/professions/professions.read-model';

/** A member who owes a pledge: the profession and the version of its code owed. */
export type UnpledgedRow = SummaryRow & {
  profession_code: string | null;
  code_version: string | null;
};

/**
 * The reports' reads of the register. They join people and chapters (names and codes) and ask
 * whether a member pledged through those modules' read models, so a report pages at any size in
 * one query.
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
        profession: string | null;
        status: string;
        count: number;
      }[]
    >(
      `WITH current AS (
         SELECT ${STATUS_SQL} AS status, c.code AS category_code, c.name AS category_name,
                ${PROFESSIONS.codeOf('c.profession_id')} AS category_profession,
                ${CHAPTERS.code('ch')} AS chapter_code, ${CHAPTERS.name('ch')} AS chapter_name
           FROM memberships m
           JOIN membership_categories c ON c.id = m.category_id
           ${CHAPTERS.join('ch', 'm.chapter_id')})
       SELECT CASE WHEN GROUPING(category_code) = 0 THEN 'category'
                   WHEN GROUPING(chapter_code) = 0 THEN 'chapter' ELSE 'status' END AS grouping,
              coalesce(category_code, chapter_code) AS code,
              coalesce(category_name, chapter_name) AS name, category_profession AS profession,
              status, count(*)::int AS count
         FROM current
        GROUP BY GROUPING SETS ((status),
                                (category_code, category_name, category_profession, status),
                                (chapter_code, chapter_name, status))
        ORDER BY code NULLS FIRST, profession NULLS FIRST, status`,
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
       SELECT w.id, w.member_number, ${PEOPLE.fullName('p')} AS full_name,
              ${CHAPTERS.code('ch')} AS chapter_code, w.category, e.event, e.happens_on::text AS "on"
         FROM window_members w
         ${PEOPLE.join('p', 'w.person_id')}
         ${CHAPTERS.join('ch', 'w.chapter_id')}
         CROSS JOIN LATERAL (VALUES ('enters_grace', w.grace_starts), ('lapses', w.lapses_on)) AS e (event, happens_on)
        WHERE w.status IN ('active', 'grace') AND e.happens_on > $1::date AND e.happens_on <= $2::date
          AND NOT (e.event = 'enters_grace' AND w.status = 'grace')
        ORDER BY e.happens_on, w.member_number`,
      [from, to],
    );
  }

  /**
   * Current members who have not pledged to the code in force of their category's profession,
   * and how many (capped).
   */
  async unpledgedPage(filters: {
    today: string;
    profession?: string;
    limit: number;
    offset: number;
    countCap: number;
  }): Promise<{ rows: UnpledgedRow[]; total: number }> {
    const from = `FROM memberships m ${SUMMARY_JOINS}
     WHERE ${STATUS_SQL} IN ('active', 'grace', 'suspended')
       AND ($2::text IS NULL OR c.profession_id = ${PROFESSIONS.idOfCode('$2')})
       AND NOT ${ETHICS.pledgedToCodeInForce('m.person_id', 'c.profession_id', '$1')}`;
    const rows = await this.dataSource.query<UnpledgedRow[]>(
      `SELECT ${SUMMARY_COLUMNS}, ${PROFESSIONS.codeOf('c.profession_id')} AS profession_code,
              ${ETHICS.versionInForce('c.profession_id', '$1')} AS code_version
         ${from} ORDER BY m.member_number LIMIT $3 OFFSET $4`,
      [filters.today, filters.profession ?? null, filters.limit, filters.offset],
    );
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM (SELECT 1 ${from} LIMIT ${filters.countCap + 1}) capped`,
      [filters.today, filters.profession ?? null],
    );
    return { rows, total };
  }

  /** The next `size` members after member number `after`, with their chapter's code. */
  registerBatch(today: string, after: string, size: number) {
    return this.dataSource.query<(SummaryRow & { chapter_code: string })[]>(
      `SELECT ${SUMMARY_COLUMNS}, ${CHAPTERS.code('ch')} AS chapter_code
         FROM memberships m ${SUMMARY_JOINS}
         ${CHAPTERS.join('ch', 'm.chapter_id')}
        WHERE m.member_number > $2 ORDER BY m.member_number LIMIT ${size}`,
      [today, after],
    );
  }
}

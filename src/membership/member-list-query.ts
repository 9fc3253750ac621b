import type { DataSource } from 'typeorm';

/** Members the first pass reads, in member-number order, before the exact search takes over. */
const WINDOW = 2_000;

/**
 * A page of members in member-number order, in SQL whose aliases are `m` (memberships), `p`
 * (persons) and `c` (membership categories). `$1` is always today.
 */
export interface MemberListQuery {
  columns: string;
  /** Joins beyond persons and categories. */
  joins?: string;
  /** Conditions on the membership row alone (indexes serve them). */
  memberWhere: string[];
  /** Conditions that read the person or category (the status a reader sees). */
  residualWhere: string[];
  /** Placeholder of the name searched for, ignoring case and accents. */
  name?: string;
  limit: number;
  offset: number;
}

const NAME = (placeholder: string) =>
  `fold_text(p.full_name) LIKE '%' || fold_text(${placeholder}) || '%'`;

/**
 * Runs a member list in up to two passes. A search whose matches are common fills its page from
 * the first members in order (the first pass reads a window of them); one whose matches are rare
 * goes to the exact pass, which finds every match by the trigram index first and then orders
 * them. Each pass alone is slow where the other is fast; the planner cannot tell which applies.
 */
export async function runMemberList<Row>(
  dataSource: DataSource,
  query: MemberListQuery,
  params: unknown[],
): Promise<Row[]> {
  const joins = `JOIN persons p ON p.id = m.person_id
    JOIN membership_categories c ON c.id = m.category_id ${query.joins ?? ''}`;
  const residual = [...(query.name ? [NAME(query.name)] : []), ...query.residualWhere];
  const where = (conditions: string[]) =>
    ['$1::date IS NOT NULL', ...conditions].map((condition) => `(${condition})`).join(' AND ');
  const limit = `$${params.length + 1}`;
  const offset = `$${params.length + 2}`;
  if (residual.length && query.offset === 0) {
    const window = `(SELECT * FROM memberships m WHERE ${where(query.memberWhere)}
      ORDER BY m.member_number LIMIT ${WINDOW})`;
    const rows = await dataSource.query<Row[]>(
      `SELECT ${query.columns} FROM ${window} m ${joins}
        WHERE ${where(residual)} ORDER BY m.member_number LIMIT ${limit}`,
      [...params, query.limit],
    );
    if (rows.length === query.limit) return rows;
  }
  if (query.name) {
    return dataSource.query<Row[]>(
      `WITH matches AS MATERIALIZED (
         SELECT id FROM persons p WHERE ${NAME(query.name)})
       SELECT ${query.columns} FROM matches JOIN memberships m ON m.person_id = matches.id ${joins}
        WHERE ${where([...query.memberWhere, ...query.residualWhere])}
        ORDER BY m.member_number LIMIT ${limit} OFFSET ${offset}`,
      [...params, query.limit, query.offset],
    );
  }
  return dataSource.query<Row[]>(
    `SELECT ${query.columns} FROM memberships m ${joins}
      WHERE ${where([...query.memberWhere, ...query.residualWhere])}
      ORDER BY m.member_number LIMIT ${limit} OFFSET ${offset}`,
    [...params, query.limit, query.offset],
  );
}

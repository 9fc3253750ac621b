import type { DataSource } from 'typeorm';

/** Members the first pass reads, in member-number order, before the exact search takes over. */
const WINDOW = 500;

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

const NAME = (placeholder: string) => `p.folded_name LIKE '%' || fold_text(${placeholder}) || '%'`;

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
  const residual = [...(query.name ? [NAME(query.name.placeholder)] : []), ...query.residualWhere];
  const where = (conditions: string[]) =>
    ['$1::date IS NOT NULL', ...conditions].map((condition) => `(${condition})`).join(' AND ');
  const limit = `$${params.length + 1}`;
  const offset = `$${params.length + 2}`;
  if (
    residual.length &&
    query.offset === 0 &&
    !(query.name && (await isRare(dataSource, query.name.value)))
  ) {
    const window = `(SELECT * FROM memberships m WHERE ${where(query.memberWhere)}
      ORDER BY m.member_number LIMIT ${WINDOW})`;
    const rows = await dataSource.query<Row[]>(
      `SELECT ${query.columns} FROM ${window} m ${joins}
        WHERE ${where(residual)} ORDER BY m.member_number LIMIT ${limit}`,
      [...params, query.limit],
    );
    if (rows.length === query.limit) return rows;
  }
  // The matching people are gathered first (an array the planner cannot misjudge), then their
  // memberships are fetched by person.
  const matches = query.name
    ? [
        `m.person_id = ANY (ARRAY (SELECT p.id FROM persons p WHERE ${NAME(query.name.placeholder)}))`,
      ]
    : [];
  // People are joined to the page only, not to every match.
  const page = `(SELECT m.* FROM memberships m JOIN membership_categories c ON c.id = m.category_id
      WHERE ${where([...matches, ...query.memberWhere, ...(query.exactWhere ?? []), ...query.residualWhere])}
      ORDER BY m.member_number LIMIT ${limit} OFFSET ${offset})`;
  return dataSource.query<Row[]>(
    `SELECT ${query.columns} FROM ${page} m ${joins} ORDER BY m.member_number`,
    [...params, query.limit, query.offset],
  );
}

/** Whether few people bear a name, by the planner's estimate from the trigram statistics. */
async function isRare(dataSource: DataSource, name: string): Promise<boolean> {
  const [row] = await dataSource.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM persons p WHERE ${NAME('$1')}`,
    [name],
  );
  return row['QUERY PLAN'][0].Plan['Plan Rows'] < RARE_NAME;
}

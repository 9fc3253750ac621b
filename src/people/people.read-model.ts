const nameContains = (alias: string, placeholder: string) =>
  `${alias}.folded_name LIKE '%' || fold_text(${placeholder}) || '%'`;

/**
 * What other modules may read of people inside their own set-based SQL: a register of 100,000
 * members is paged and searched by name in one statement, which a call per row could not do.
 * The shape of the persons table stays here; callers name their own columns and aliases.
 */
export const PEOPLE_READ_MODEL = {
  /** Joins the person whose id is in `personIdColumn`, as `alias`. */
  join: (alias: string, personIdColumn: string) =>
    `JOIN persons ${alias} ON ${alias}.id = ${personIdColumn}`,
  /** The person's full name, as recorded. */
  fullName: (alias: string) => `${alias}.full_name`,
  /** The person's e-mail address (null: none on record). */
  email: (alias: string) => `${alias}.email`,
  /** The language the person reads (null: the association's). */
  language: (alias: string) => `${alias}.language`,
  /** True when the name holds the text at `placeholder`, ignoring case and accents (trigram index). */
  nameContains,
  /** Everyone whose name holds the text at `placeholder`, as an array of ids. */
  idsWithNameContaining: (placeholder: string) =>
    `ARRAY (SELECT named.id FROM persons named WHERE ${nameContains('named', placeholder)})`,
  /** An EXPLAIN whose estimate says how many names hold the text at $1. */
  estimateNamesContaining: `EXPLAIN (FORMAT JSON) SELECT 1 FROM persons named WHERE ${nameContains('named', '$1')}`,
} as const;

/**
 * What other modules may read of chapters inside their own SQL (reports grouped by chapter, the
 * directory filtered by chapter code). The shape of the chapters table stays here.
 */
export const CHAPTERS_READ_MODEL = {
  /** Joins the chapter whose id is in `chapterIdColumn`, as `alias`. */
  join: (alias: string, chapterIdColumn: string) =>
    `JOIN chapters ${alias} ON ${alias}.id = ${chapterIdColumn}`,
  code: (alias: string) => `${alias}.code`,
  name: (alias: string) => `${alias}.name`,
  /** The id of the chapter whose code is at `placeholder` (null when there is none). */
  idOfCode: (placeholder: string) =>
    `(SELECT coded.id FROM chapters coded WHERE coded.code = ${placeholder})`,
  /** The chapter whose id is at `placeholder` and every chapter below it, as a subquery of ids. */
  subtree: (placeholder: string) =>
    `WITH RECURSIVE below (id) AS (
       SELECT id FROM chapters WHERE id = ${placeholder}
       UNION SELECT child.id FROM chapters child JOIN below ON child.parent_id = below.id
     ) SELECT id FROM below`,
} as const;

/**
 * What other modules may read of professions inside their own SQL (a credential type's
 * profession name, the directory filtered by profession). The shape of the table stays here.
 */
export const PROFESSIONS_READ_MODEL = {
  /** The name of the profession whose id is in `professionIdColumn` (null when there is none). */
  nameOf: (professionIdColumn: string) =>
    `(SELECT named.name FROM professions named WHERE named.id = ${professionIdColumn})`,
  /** The code of the profession whose id is in `professionIdColumn` (null when there is none). */
  codeOf: (professionIdColumn: string) =>
    `(SELECT named.code FROM professions named WHERE named.id = ${professionIdColumn})`,
  /** The id of the profession whose code is at `placeholder` (null when there is none). */
  idOfCode: (placeholder: string) =>
    `(SELECT coded.id FROM professions coded WHERE coded.code = ${placeholder})`,
} as const;

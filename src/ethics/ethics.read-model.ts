/**
 * What other modules may ask of the code of ethics inside their own set-based SQL (the report of
 * members who have not pledged). The shape of the pledge tables stays here.
 */
const IN_FORCE = (professionIdColumn: string, todayPlaceholder: string) =>
  `SELECT max(force.effective_from) FROM ethics_code_versions force
    WHERE force.profession_id = ${professionIdColumn} AND force.withdrawn_at IS NULL
      AND force.effective_from <= ${todayPlaceholder}::date`;

export const ETHICS_READ_MODEL = {
  /**
   * True when the person in `personIdColumn` owes no pledge to the code of the profession in
   * `professionIdColumn` on the day at `todayPlaceholder`: the profession has no code in force,
   * or the person pledged to the version in force (or a later one).
   */
  pledgedToCodeInForce: (
    personIdColumn: string,
    professionIdColumn: string,
    todayPlaceholder: string,
  ) =>
    `(${professionIdColumn} IS NULL
      OR (${IN_FORCE(professionIdColumn, todayPlaceholder)}) IS NULL
      OR EXISTS (SELECT 1 FROM ethics_pledges pledge
                   JOIN ethics_code_versions version ON version.id = pledge.code_version_id
                  WHERE pledge.person_id = ${personIdColumn}
                    AND version.profession_id = ${professionIdColumn}
                    AND version.withdrawn_at IS NULL
                    AND version.effective_from >= (${IN_FORCE(professionIdColumn, todayPlaceholder)})))`,
} as const;

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
  /** The version of the code of the profession in `professionIdColumn` in force on a day, or null. */
  versionInForce: (professionIdColumn: string, dayPlaceholder: string) =>
    `(SELECT v.version FROM ethics_code_versions v
       WHERE v.profession_id = ${professionIdColumn} AND v.withdrawn_at IS NULL
         AND v.effective_from <= ${dayPlaceholder}::date
       ORDER BY v.effective_from DESC LIMIT 1)`,
  /**
   * The person's pledge on the day at `dayPh` to the code of the profession in `professionExpr`
   * then in force, as JSON {version, pledged} (pledged: to that version or a later one, by then,
   * pledges dated in the zone at `tzPh`); null where no code was in force.
   */
  pledgeOnDayJson: (personPh: string, professionExpr: string, dayPh: string, tzPh: string) =>
    `(SELECT json_build_object('version', v.version, 'pledged', EXISTS (
               SELECT 1 FROM ethics_pledges pledge
                 JOIN ethics_code_versions later ON later.id = pledge.code_version_id
                WHERE pledge.person_id = ${personPh} AND later.profession_id = v.profession_id
                  AND later.withdrawn_at IS NULL AND later.effective_from >= v.effective_from
                  AND (pledge.pledged_at AT TIME ZONE ${tzPh})::date <= ${dayPh}::date))
        FROM ethics_code_versions v
       WHERE v.profession_id = ${professionExpr} AND v.withdrawn_at IS NULL
         AND v.effective_from <= ${dayPh}::date
       ORDER BY v.effective_from DESC LIMIT 1)`,
} as const;

/**
 * What other modules may ask of the code of ethics inside their own set-based SQL (the report of
 * members who have not pledged). The shape of the pledge tables stays here.
 */
export const ETHICS_READ_MODEL = {
  /**
   * True when the person in `personIdColumn` has pledged to a version of the code that took
   * effect on or after the date at `sincePlaceholder`.
   */
  pledgedSince: (personIdColumn: string, sincePlaceholder: string) =>
    `EXISTS (SELECT 1 FROM ethics_pledges pledge
               JOIN ethics_code_versions version ON version.id = pledge.code_version_id
              WHERE pledge.person_id = ${personIdColumn}
                AND version.effective_from >= ${sincePlaceholder}::date)`,
} as const;

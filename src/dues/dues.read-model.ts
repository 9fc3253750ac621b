/**
 * What other modules may ask of dues inside their own set-based SQL, as fragments: a membership
 * grants thousands of periods in one statement by whether their dues are settled. The shape of
 * the invoices table stays here; a caller passes the column that holds its period's id.
 */
export const DUES_READ_MODEL = {
  /** True while the dues invoice of the period is unpaid or partly paid. */
  periodOwes: (periodIdColumn: string) =>
    `EXISTS (SELECT 1 FROM invoices owed WHERE owed.period_id = ${periodIdColumn}
                AND owed.status IN ('unpaid', 'partially_paid'))`,
  /** True once the dues invoice of the period is paid in full (a free period is issued paid). */
  periodPaid: (periodIdColumn: string) =>
    `EXISTS (SELECT 1 FROM invoices paid WHERE paid.period_id = ${periodIdColumn}
                AND paid.status = 'paid')`,
} as const;

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
  /**
   * What the person at `personPh` owed past its due date on the day at `dayPh`, as JSON
   * {overdue, outstanding, currency, since}: invoices issued by then and due before it, less the
   * payments made by then. A waived invoice was forgiven, so it is never counted as owed.
   */
  overdueOnJson: (personPh: string, dayPh: string) =>
    `(SELECT json_build_object('overdue', count(*), 'outstanding', coalesce(sum(owed), 0)::text,
                               'currency', min(currency), 'since', min(due_on))
        FROM (SELECT i.currency, i.due_on,
                     i.amount_minor - coalesce((SELECT sum(p.amount_minor) FROM payments p
                                                 WHERE p.invoice_id = i.id AND p.paid_on <= ${dayPh}::date), 0) AS owed
                FROM invoices i
               WHERE i.person_id = ${personPh} AND i.status <> 'waived'
                 AND i.issued_on <= ${dayPh}::date AND i.due_on < ${dayPh}::date) open
       WHERE owed > 0)`,
} as const;

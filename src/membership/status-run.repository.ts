import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NOTHING_OWED_UP_TO_PERIOD_SQL } from 'src/membership/membership-rules';
import { STATUS_SQL } from 'src/membership/membership-rules';

/** The daily status run's set-based statements, named; the run keeps their order and audit rows. */
@Injectable()
export class StatusRunRepository {
  /** Whether this transaction got the run's lock (another run holds it otherwise). */
  async tryLockRun(manager: EntityManager, key: string): Promise<boolean> {
    const [{ locked }] = await manager.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
      [key],
    );
    return locked;
  }

  /**
   * The next period of every membership whose last one ends within the notice window: the
   * shorter of `noticeDays` and the category's period (`daysPerMonth` a month).
   */
  async insertNextPeriods(
    manager: EntityManager,
    today: string,
    noticeDays: number,
    daysPerMonth: number,
  ): Promise<string[]> {
    const periods = await manager.query<{ id: string }[]>(
      `INSERT INTO membership_periods (membership_id, category_id, starts_on, ends_on)
         SELECT m.id, m.category_id, last.ends_on + 1, last_day_of_term(last.ends_on + 1, c.period_months)
           FROM memberships m
           JOIN membership_categories c ON c.id = m.category_id
           CROSS JOIN LATERAL (
             SELECT max(p.ends_on) AS ends_on FROM membership_periods p WHERE p.membership_id = m.id
           ) last
          WHERE m.status IN ('active', 'grace', 'lapsed', 'suspended')
            AND last.ends_on < $1::date + least($2::int, c.period_months * $3::int)
         RETURNING id`,
      [today, noticeDays, daysPerMonth],
    );
    return periods.map((period) => period.id);
  }

  /** Reserves `count` invoice numbers of a year; returns the first. */
  async reserveInvoiceNumbers(
    manager: EntityManager,
    year: string,
    count: number,
  ): Promise<number> {
    const [{ last }] = await manager.query<{ last: string }[]>(
      `INSERT INTO membership_sequences (name, scope, last_value) VALUES ('invoice', $1, $2)
         ON CONFLICT (name, scope) DO UPDATE SET last_value = membership_sequences.last_value + $2
         RETURNING last_value AS last`,
      [year, count],
    );
    return Number(last) - count + 1;
  }

  /** The dues invoice of each of these periods, numbered from `first`; free ones issued paid. */
  insertDuesInvoices(
    manager: EntityManager,
    periodIds: string[],
    year: string,
    first: number,
    today: string,
  ): Promise<{ id: string; number: string; person_id: string; amount_minor: string }[]> {
    return manager.query<{ id: string; number: string; person_id: string; amount_minor: string }[]>(
      `INSERT INTO invoices (number, person_id, kind, period_id, description, amount_minor,
                               currency, status, issued_on, due_on)
         SELECT 'INV-' || $2 || '-' || lpad((($3::bigint) + row_number() OVER (ORDER BY p.id) - 1)::text, 6, '0'),
                m.person_id, 'dues', p.id,
                'Dues ' || p.starts_on || ' to ' || p.ends_on || ', ' || c.name,
                c.dues_minor, c.currency, CASE WHEN c.dues_minor = 0 THEN 'paid' ELSE 'unpaid' END,
                $4::date, greatest(p.starts_on, $4::date)
           FROM membership_periods p
           JOIN memberships m ON m.id = p.membership_id
           JOIN membership_categories c ON c.id = p.category_id
          WHERE p.id = ANY($1)
         RETURNING id, number, person_id, amount_minor::text`,
      [periodIds, year, first, today],
    );
  }

  /** Grants those of these periods whose invoice is paid (free) and nothing before is owed. */
  async grantPaidPeriods(manager: EntityManager, periodIds: string[]): Promise<void> {
    await manager.query(
      `UPDATE membership_periods p SET granted_at = now()
           FROM invoices i WHERE i.period_id = p.id AND p.id = ANY($1) AND i.status = 'paid'
            AND ${NOTHING_OWED_UP_TO_PERIOD_SQL}`,
      [periodIds],
    );
  }

  /** Extends each membership's cover to its last granted period among these; what changed. */
  extendCover(
    manager: EntityManager,
    periodIds: string[],
  ): Promise<{ id: string; before: string; after: string }[]> {
    return manager.query<{ id: string; before: string; after: string }[]>(
      `WITH granted AS (
           SELECT membership_id, max(ends_on) AS ends_on FROM membership_periods
            WHERE id = ANY($1) AND granted_at IS NOT NULL GROUP BY membership_id
         ), extended AS (
           UPDATE memberships m SET covered_until = g.ends_on
             FROM granted g JOIN memberships old ON old.id = g.membership_id
            WHERE m.id = g.membership_id AND g.ends_on > m.covered_until
           RETURNING m.id, old.covered_until::text AS before, m.covered_until::text AS after
         )
         SELECT id, before, after FROM extended`,
      [periodIds],
    );
  }

  /** Stores the status the dates give wherever it differs, with a dated change; what moved. */
  applyDatedStatuses(
    manager: EntityManager,
    today: string,
  ): Promise<{ id: string; from_status: string; to_status: string; reason: string }[]> {
    return manager.query<{ id: string; from_status: string; to_status: string; reason: string }[]>(
      `WITH computed AS (
         SELECT m.id, m.status AS from_status, ${STATUS_SQL} AS to_status,
                m.covered_until, m.covered_until + c.grace_days AS grace_ends_on, m.suspended_until
           FROM memberships m JOIN membership_categories c ON c.id = m.category_id
          WHERE (m.status = 'active' AND m.covered_until < $1::date)
             OR m.status IN ('grace', 'lapsed')
             OR (m.status = 'suspended' AND m.suspended_until < $1::date)
       ), moved AS (
         SELECT id, from_status, to_status,
                CASE
                  WHEN from_status = 'suspended' THEN 'Suspension ended on ' || suspended_until
                  WHEN to_status = 'grace' THEN 'Cover ended on ' || covered_until || '; grace until ' || grace_ends_on
                  WHEN to_status = 'lapsed' THEN 'Grace ended on ' || grace_ends_on || ' with dues unpaid'
                  ELSE 'Covered until ' || covered_until
                END AS reason
           FROM computed WHERE to_status <> from_status
       ), updated AS (
         -- A row changed by staff since this run read it (a suspension, a revocation, a payment
         -- extending the cover) is left alone: the UPDATE re-checks what the move was read from,
         -- on the row as committed, and the row's next read or the next run decides again.
         UPDATE memberships m
            SET status = moved.to_status, status_reason = moved.reason, status_changed_on = $1::date,
                suspended_until = NULL, updated_at = now()
           FROM moved JOIN computed USING (id)
          WHERE m.id = moved.id AND m.status = moved.from_status
            AND m.covered_until = computed.covered_until
            AND m.suspended_until IS NOT DISTINCT FROM computed.suspended_until
         RETURNING m.id, moved.from_status, moved.to_status, moved.reason
       ), logged AS (
         INSERT INTO membership_status_changes (membership_id, from_status, to_status, reason, effective_on)
         SELECT id, from_status, to_status, reason, $1::date FROM updated
       )
       SELECT id, from_status, to_status, reason FROM updated`,
      [today],
    );
  }
}

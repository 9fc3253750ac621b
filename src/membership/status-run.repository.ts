import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DUES_READ_MODEL } from 'src/dues/dues.read-model';
import type { NewPeriodInvoice } from 'src/dues/dues.port';
import { MembershipJobRun } from 'src/membership/entities/membership-job-run.entity';
import { NOTHING_OWED_UP_TO_PERIOD_SQL, STATUS_SQL } from 'src/membership/membership-rules';

/** The daily status run's set-based statements, named; the run keeps their order and audit rows. */
@Injectable()
export class StatusRunRepository {
  recentRuns(manager: EntityManager, job: string): Promise<MembershipJobRun[]> {
    return manager.find(MembershipJobRun, {
      where: { job },
      order: { startedAt: 'DESC' },
      take: 100,
    });
  }

  findRun(manager: EntityManager, id: string): Promise<MembershipJobRun> {
    return manager.findOneByOrFail(MembershipJobRun, { id });
  }

  startRun(
    manager: EntityManager,
    values: Pick<MembershipJobRun, 'job' | 'runOn' | 'triggeredByAccountId'>,
  ): Promise<MembershipJobRun> {
    return manager.save(manager.create(MembershipJobRun, values));
  }

  async finishRun(
    manager: EntityManager,
    id: string,
    outcome: NonNullable<MembershipJobRun['outcome']>,
  ): Promise<void> {
    await manager.update(MembershipJobRun, id, { finishedAt: new Date(), outcome });
  }

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
   * shorter of its category's notice days and its period (`daysPerMonth` a month).
   */
  async insertNextPeriods(
    manager: EntityManager,
    today: string,
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
            AND last.ends_on < $1::date + least(c.renewal_notice_days, c.period_months * $2::int)
         RETURNING id`,
      [today, daysPerMonth],
    );
    return periods.map((period) => period.id);
  }

  /** The dues invoice each of these new periods needs, as dues will issue it. */
  async invoicesForPeriods(
    manager: EntityManager,
    periodIds: string[],
    today: string,
  ): Promise<NewPeriodInvoice[]> {
    const rows = await manager.query<
      {
        person_id: string;
        period_id: string;
        description: string;
        amount_minor: string;
        currency: string;
        due_on: string;
      }[]
    >(
      `SELECT m.person_id, p.id AS period_id,
              'Dues ' || p.starts_on || ' to ' || p.ends_on || ', ' || c.name AS description,
              c.dues_minor::text AS amount_minor, c.currency,
              greatest(p.starts_on, $2::date)::text AS due_on
         FROM membership_periods p
         JOIN memberships m ON m.id = p.membership_id
         JOIN membership_categories c ON c.id = p.category_id
        WHERE p.id = ANY($1)
        ORDER BY p.id`,
      [periodIds, today],
    );
    return rows.map((row) => ({
      personId: row.person_id,
      periodId: row.period_id,
      description: row.description,
      amountMinor: row.amount_minor,
      currency: row.currency,
      dueOn: row.due_on,
    }));
  }

  /** Grants those of these periods whose invoice is paid (free) and nothing before is owed. */
  async grantPaidPeriods(manager: EntityManager, periodIds: string[]): Promise<void> {
    await manager.query(
      `UPDATE membership_periods p SET granted_at = now()
        WHERE p.id = ANY($1) AND ${DUES_READ_MODEL.periodPaid('p.id')}
          AND ${NOTHING_OWED_UP_TO_PERIOD_SQL}`,
      [periodIds],
    );
  }

  /** Extends each membership's cover to its last granted period among these; what changed. */
  extendCover(
    manager: EntityManager,
    periodIds: string[],
  ): Promise<{ id: string; personId: string; before: string; after: string }[]> {
    return manager.query<{ id: string; personId: string; before: string; after: string }[]>(
      `WITH granted AS (
           SELECT membership_id, max(ends_on) AS ends_on FROM membership_periods
            WHERE id = ANY($1) AND granted_at IS NOT NULL GROUP BY membership_id
         ), extended AS (
           UPDATE memberships m SET covered_until = g.ends_on
             FROM granted g JOIN memberships old ON old.id = g.membership_id
            WHERE m.id = g.membership_id AND g.ends_on > m.covered_until
           RETURNING m.id, m.person_id, old.covered_until::text AS before,
                     m.covered_until::text AS after
         )
         SELECT id, person_id AS "personId", before, after FROM extended`,
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

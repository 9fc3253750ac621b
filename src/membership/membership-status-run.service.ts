import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { CronJob } from 'cron';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { SYSTEM_ACTOR, type Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { AppError } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';
import { allowJobWaits } from 'src/database/job-timeouts';
import type { StatusRunResponse } from 'src/membership/dto/status-run.dto';
import { MembershipJobRun } from 'src/membership/entities/membership-job-run.entity';
import {
  DAYS_PER_MONTH_OF_NOTICE,
  NOTHING_OWED_UP_TO_PERIOD_SQL,
  RENEWAL_NOTICE_DAYS,
} from 'src/membership/membership-rules';
import { STATUS_SQL } from 'src/membership/memberships.service';

export const STATUS_RUN = 'membership-status';

/** Catching up a long lapse issues one period per pass; this bounds the passes of one run. */
const MAX_PASSES = 20;

const toResponse = (run: MembershipJobRun): StatusRunResponse => ({
  id: run.id,
  runOn: run.runOn,
  startedAt: run.startedAt,
  finishedAt: run.finishedAt,
  triggeredByAccountId: run.triggeredByAccountId,
  outcome: {
    renewalInvoices: run.outcome?.renewalInvoices ?? 0,
    statusChanges: run.outcome?.statusChanges ?? 0,
  },
});

/**
 * The daily status run: issues the next period's dues invoice as a cover nears its end, and
 * moves memberships along active -> grace -> lapsed (and out of ended suspensions), writing a
 * dated change for each. Reads already follow the dates; the run makes the stored record and
 * the history agree with them. An advisory lock lets one replica run it at a time, and a second
 * run on the same day finds nothing left to do.
 */
@Injectable()
export class MembershipStatusRunService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MembershipStatusRunService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly config: ConfigService<RuntimeSettings, true>,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  onApplicationBootstrap() {
    const at = this.config.get('dailyRunTime', { infer: true });
    if (at === 'off') return;
    const [hour, minute] = at.split(':').map(Number);
    const job = CronJob.from({
      cronTime: `${minute} ${hour} * * *`,
      timeZone: this.config.get('timeZone', { infer: true }),
      onTick: () =>
        this.run(SYSTEM_ACTOR).then(
          (run) => this.logger.log(`Membership status run: ${JSON.stringify(run.outcome)}`),
          (error: unknown) =>
            this.logger.error(`Membership status run could not complete: ${String(error)}`),
        ),
    });
    this.scheduler.addCronJob(STATUS_RUN, job);
    job.start();
  }

  async list(): Promise<StatusRunResponse[]> {
    const runs = await this.dataSource
      .getRepository(MembershipJobRun)
      .find({ where: { job: STATUS_RUN }, order: { startedAt: 'DESC' }, take: 100 });
    return runs.map(toResponse);
  }

  async run(actor: Actor): Promise<StatusRunResponse> {
    const today = this.calendar.today();
    const runId = await this.dataSource.transaction(async (manager) => {
      await allowJobWaits(manager, this.config.get('databaseTimeouts', { infer: true }));
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`,
        [STATUS_RUN],
      );
      if (!locked) {
        throw new AppError('state-conflict', 'A membership status run is already in progress');
      }
      const run = await manager.save(
        manager.create(MembershipJobRun, {
          job: STATUS_RUN,
          runOn: today,
          triggeredByAccountId: actor.kind === 'account' ? actor.accountId : null,
        }),
      );
      const renewalInvoices = await this.issueRenewalInvoices(manager, actor, today);
      const statusChanges = await this.applyDatedStatuses(manager, actor, today);
      const outcome = { renewalInvoices, statusChanges };
      await manager.update(MembershipJobRun, run.id, { finishedAt: new Date(), outcome });
      await this.audit.record(manager, actor, {
        action: 'membership.status_run',
        entityType: 'membership_job_run',
        entityId: run.id,
        after: { runOn: today, ...outcome },
      });
      return run.id;
    });
    return toResponse(
      await this.dataSource.getRepository(MembershipJobRun).findOneByOrFail({ id: runId }),
    );
  }

  /**
   * For each membership whose last period ends within the notice window, the next period and
   * its dues invoice; a long-lapsed membership gets every period up to today (its arrears).
   */
  private async issueRenewalInvoices(manager: EntityManager, actor: Actor, today: string) {
    let issued = 0;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
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
        [today, RENEWAL_NOTICE_DAYS, DAYS_PER_MONTH_OF_NOTICE],
      );
      if (!periods.length) break;
      const ids = periods.map((period) => period.id);
      const year = today.slice(0, 4);
      const [{ last }] = await manager.query<{ last: string }[]>(
        `INSERT INTO membership_sequences (name, scope, last_value) VALUES ('invoice', $1, $2)
         ON CONFLICT (name, scope) DO UPDATE SET last_value = membership_sequences.last_value + $2
         RETURNING last_value AS last`,
        [year, ids.length],
      );
      const first = Number(last) - ids.length + 1;
      const invoices = await manager.query<
        { id: string; number: string; person_id: string; amount_minor: string }[]
      >(
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
        [ids, year, first, today],
      );
      // Free periods (honorary) are settled at once, so they extend the cover like paid ones.
      await manager.query(
        `UPDATE membership_periods p SET granted_at = now()
           FROM invoices i WHERE i.period_id = p.id AND p.id = ANY($1) AND i.status = 'paid'
            AND ${NOTHING_OWED_UP_TO_PERIOD_SQL}`,
        [ids],
      );
      const extended = await manager.query<{ id: string; before: string; after: string }[]>(
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
        [ids],
      );
      await this.audit.recordMany(
        manager,
        actor,
        extended.map((cover) => ({
          action: 'membership.cover_extended',
          entityType: 'membership',
          entityId: cover.id,
          before: { coveredUntil: cover.before },
          after: { coveredUntil: cover.after, reason: 'Free period granted by the daily run' },
        })),
      );
      await this.audit.recordMany(
        manager,
        actor,
        invoices.map((invoice) => ({
          action: 'invoice.issued',
          entityType: 'invoice',
          entityId: invoice.id,
          after: {
            number: invoice.number,
            personId: invoice.person_id,
            kind: 'dues',
            amountMinor: invoice.amount_minor,
          },
        })),
      );
      issued += invoices.length;
    }
    return issued;
  }

  /** Stores the status the dates give wherever it differs, with a dated, reasoned change. */
  private async applyDatedStatuses(manager: EntityManager, actor: Actor, today: string) {
    const changed = await manager.query<
      { id: string; from_status: string; to_status: string; reason: string }[]
    >(
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
    await this.audit.recordMany(
      manager,
      actor,
      changed.map((change) => ({
        action: 'membership.status_changed',
        entityType: 'membership',
        entityId: change.id,
        before: { status: change.from_status },
        after: { status: change.to_status, reason: change.reason, effectiveOn: today },
      })),
    );
    return changed.length;
  }
}

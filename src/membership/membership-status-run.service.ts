import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { SYSTEM_ACTOR, type Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import type { RuntimeSettings } from 'src/config/settings';
import { JobQueue } from 'src/database/job-queue';
import { allowJobWaits } from 'src/database/job-timeouts';
import type { StatusRunResponse } from 'src/membership/dto/status-run.dto';
import type { MembershipJobRun } from 'src/membership/entities/membership-job-run.entity';
import { Transactions } from 'src/database/transactions';
import { DuesPort } from 'src/dues/dues.port';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { DAYS_PER_MONTH_OF_NOTICE } from 'src/membership/membership-rules';
import { StatusRunRepository } from 'src/membership/status-run.repository';
import { MembershipError } from 'src/membership/membership.errors';

export const STATUS_RUN = 'membership-status';
export const STATUS_RUN_QUEUE = 'membership-status-run';

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
export class MembershipStatusRunService {
  private readonly logger = new Logger(MembershipStatusRunService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly repository: StatusRunRepository,
    private readonly audit: AuditService,
    private readonly dues: DuesPort,
    private readonly credentials: CredentialsPort,
    private readonly calendar: Calendar,
    private readonly config: ConfigService<RuntimeSettings, true>,
    jobs: JobQueue,
  ) {
    // A scheduled job: one run a day across replicas, kept in the database, so a replica that
    // was down at the hour still leaves the run to another (or to its own restart).
    const at = config.get('dailyRunTime', { infer: true });
    if (at === 'off') return;
    const [hour, minute] = at.split(':').map(Number);
    jobs.declareSchedule(STATUS_RUN_QUEUE, `${minute} ${hour} * * *`);
    jobs.declareWorker(STATUS_RUN_QUEUE, async () => {
      const run = await this.run(SYSTEM_ACTOR);
      this.logger.log(`Membership status run: ${JSON.stringify(run.outcome)}`);
    });
  }

  async list(): Promise<StatusRunResponse[]> {
    const runs = await this.repository.recentRuns(this.transactions.reader, STATUS_RUN);
    return runs.map(toResponse);
  }

  async run(actor: Actor): Promise<StatusRunResponse> {
    const today = this.calendar.today();
    const runId = await this.transactions.run(async (manager) => {
      await allowJobWaits(manager, this.config.get('databaseTimeouts', { infer: true }));
      const locked = await this.repository.tryLockRun(manager, STATUS_RUN);
      if (!locked) {
        throw new MembershipError(
          'status-run-in-progress',
          'A membership status run is already in progress',
        );
      }
      const run = await this.repository.startRun(manager, {
        job: STATUS_RUN,
        runOn: today,
        triggeredByAccountId: actor.kind === 'account' ? actor.accountId : null,
      });
      const renewalInvoices = await this.issueRenewalInvoices(manager, actor, today);
      const statusChanges = await this.applyDatedStatuses(manager, actor, today);
      const outcome = { renewalInvoices, statusChanges };
      await this.repository.finishRun(manager, run.id, outcome);
      await this.audit.record(manager, actor, {
        action: 'membership.status_run',
        entityType: 'membership_job_run',
        entityId: run.id,
        after: { runOn: today, ...outcome },
      });
      return run.id;
    });
    return toResponse(await this.repository.findRun(this.transactions.reader, runId));
  }

  /**
   * For each membership whose last period ends within the notice window, the next period and
   * its dues invoice; a long-lapsed membership gets every period up to today (its arrears).
   */
  private async issueRenewalInvoices(manager: EntityManager, actor: Actor, today: string) {
    let issued = 0;
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const ids = await this.repository.insertNextPeriods(manager, today, DAYS_PER_MONTH_OF_NOTICE);
      if (!ids.length) break;
      const invoices = await this.dues.issuePeriodInvoices(
        manager,
        actor,
        await this.repository.invoicesForPeriods(manager, ids, today),
      );
      // Free periods (honorary) are settled at once, so they extend the cover like paid ones.
      await this.repository.grantPaidPeriods(manager, ids);
      const extended = await this.repository.extendCover(manager, ids);
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
      // A membership card stays valid as far as its membership is covered.
      for (const cover of extended) {
        await this.credentials.followMembership(manager, actor, cover.personId, {
          kind: 'covered',
          until: cover.after,
        });
      }
      issued += invoices.length;
    }
    return issued;
  }

  /** Stores the status the dates give wherever it differs, with a dated, reasoned change. */
  private async applyDatedStatuses(manager: EntityManager, actor: Actor, today: string) {
    const changed = await this.repository.applyDatedStatuses(manager, today);
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

import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  type HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { JobQueue } from 'src/database/job-queue';
import { QuickReads } from 'src/database/quick-reads';
import { Transactions } from 'src/database/transactions';
import { AppError } from 'src/common/errors/app-error';
import { EvidencePort } from 'src/evidence/evidence.port';

/**
 * Whether this process can serve now: the database answers, neither of its connection pools is
 * saturated (the main one of transactions and reports, the read pool of public lookups and token
 * checks: requests waiting for a connection would wait, then fail), the job queue works where
 * this process runs jobs, and evidence files can be stored. A load balancer sends traffic
 * elsewhere while any of them is down.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly transactions: Transactions,
    private readonly evidence: EvidencePort,
    private readonly reads: QuickReads,
    private readonly jobs: JobQueue,
  ) {}

  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.pool('pool', this.transactions.poolState()),
        () => this.pool('readPool', this.reads.poolState()),
        () => this.jobQueue(),
        () => this.database.pingCheck('database', { timeout: 1500 }),
        () => this.storage(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.entries(result.error ?? {}).map(([name, state]) =>
        typeof state?.message === 'string' ? `${name}: ${state.message}` : name,
      );
      throw new AppError('service-unavailable', `Not ready: ${down.join('; ')}`, {
        checks: result.details,
      });
    }
  }

  private jobQueue() {
    const state = this.jobs.state();
    const indicator = this.indicators.check('jobQueue');
    return state.runsJobs && state.failure
      ? indicator.down({ ...state, message: `not started: ${state.failure}` })
      : indicator.up(state);
  }

  private pool(name: string, state: { size: number; idle: number; waiting: number }) {
    const indicator = this.indicators.check(name);
    return state.waiting > 0
      ? indicator.down({
          ...state,
          message: `saturated: ${state.waiting} waiting for a connection`,
        })
      : indicator.up(state);
  }

  private async storage() {
    const indicator = this.indicators.check('evidenceStorage');
    try {
      await this.evidence.checkStorage();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

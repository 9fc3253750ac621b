import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  type HealthCheckResult,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Transactions } from 'src/database/transactions';
import { AppError } from 'src/common/errors/app-error';
import { EvidencePort } from 'src/evidence/evidence.port';

/**
 * Whether this process can serve now: the database answers, its connection pool is not
 * saturated (requests waiting for a connection would wait, then fail), and evidence files can be
 * stored. A load balancer sends traffic elsewhere while any of them is down.
 */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly transactions: Transactions,
    private readonly evidence: EvidencePort,
  ) {}

  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.pool(),
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

  private pool() {
    const state = this.transactions.poolState();
    const indicator = this.indicators.check('pool');
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

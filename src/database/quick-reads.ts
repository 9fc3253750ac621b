import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Pool, type QueryResultRow } from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { RuntimeSettings } from 'src/config/settings';
import { holdToRequestDeadline } from 'src/database/request-deadline';

/**
 * The short reads on the hot paths (a token's account, a public lookup, a person's standing or
 * transcript) run on a pool of their own, sized to the cores that run them
 * (`DATABASE_READ_POOL_SIZE`). Each borrows a connection for one statement and gives it back, so
 * none waits on another; transactions, reports and jobs hold theirs on the main pool and never
 * keep these waiting. More of these in flight than cores answer later, not more: with PostgreSQL
 * on the same two cores, ten gave a standing p99 of 40-50 ms and four 23-25 ms (bench/).
 */
@Injectable()
export class QuickReads implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QuickReads.name);
  private readonly pool: Pool;
  private readonly size: number;

  constructor(config: ConfigService<RuntimeSettings, true>) {
    const timeouts = config.get('databaseTimeouts', { infer: true });
    this.size = config.get('databaseReadPoolSize', { infer: true });
    this.pool = new Pool({
      connectionString: config.get('databaseUrl', { infer: true }),
      max: this.size,
      // Kept open while idle: a read on the hot path does not wait for a connection to be made.
      idleTimeoutMillis: 0,
      application_name: 'guildhall-reads',
      statement_timeout: timeouts.statementMs,
      lock_timeout: timeouts.lockMs,
      connectionTimeoutMillis: timeouts.poolWaitMs,
    });
    // A connection the server dropped (a restart) is taken out of the pool; the next read opens
    // a new one. Without a listener the error would end the process.
    this.pool.on('error', (error) => this.logger.warn(`Read connection lost: ${error.message}`));
    holdToRequestDeadline(this.pool, timeouts);
  }

  /**
   * One statement by name: PostgreSQL plans it once per connection instead of on every call,
   * which for a statement joining several modules' read models costs more than running it.
   */
  async query<T extends QueryResultRow>(
    name: string,
    text: string,
    values: unknown[],
  ): Promise<T[]> {
    return (await this.pool.query<T>({ name, text, values })).rows;
  }

  /**
   * The same inside a repository given a manager: in the caller's transaction it runs
   * there, unprepared. Errors come out as TypeORM's, as every other query's do.
   */
  async prepared<T extends QueryResultRow>(
    manager: EntityManager,
    name: string,
    text: string,
    values: unknown[],
  ): Promise<T[]> {
    if (manager.queryRunner) return manager.query<T[]>(text, values);
    try {
      return await this.query<T>(name, text, values);
    } catch (error) {
      throw new QueryFailedError(text, values, error as Error);
    }
  }

  /** How the read pool stands: its connections, those idle, and callers waiting for one. */
  poolState(): { size: number; idle: number; waiting: number } {
    return {
      size: this.pool.totalCount,
      idle: this.pool.idleCount,
      waiting: this.pool.waitingCount,
    };
  }

  /** Every connection opened at start, before the first caller waits for one. */
  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, () => this.pool.query('SELECT 1'))).catch(
      (error: Error) => this.logger.warn(`Read connections not opened yet: ${error.message}`),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

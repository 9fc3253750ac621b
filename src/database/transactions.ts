import { Global, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { DatabaseTimeouts, RuntimeSettings } from 'src/config/settings';
import { QuickReads } from 'src/database/quick-reads';
import { RequestDeadline, holdToRequestDeadline } from 'src/database/request-deadline';

/**
 * How a use case gets its transaction: services own their transactions through this and pass
 * the manager to their repositories, which alone write SQL. Services never see the DataSource.
 * A transaction is passed, never joined from ambient context: a use case that an orchestrator
 * runs inside its own transaction (a configuration pack) takes that transaction as an argument.
 */
@Injectable()
export class Transactions implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {}

  onModuleInit(): void {
    holdToRequestDeadline(this.pool, this.config.get('databaseTimeouts', { infer: true }));
  }

  private get pool(): Pool {
    return (this.dataSource.driver as PostgresDriver).master as Pool;
  }

  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. Given
   * the caller's transaction (`within`), it runs in that one instead, which its caller ends.
   */
  run<T>(work: (manager: EntityManager) => Promise<T>, within?: EntityManager): Promise<T> {
    return within ? work(within) : this.dataSource.transaction(work);
  }

  /**
   * A connection of the caller's own, for long work (an import) that writes outside its
   * transaction before and after it, then starts, commits or rolls back the transaction at its own
   * decision: one connection throughout, however small the pool. The caller must `release()` it.
   * Long work: it is held to the limits of each wait, not to the request's deadline.
   */
  async connection(): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    await RequestDeadline.lift(() => runner.connect());
    return runner;
  }

  /**
   * A transaction the caller ends itself, on a connection of its own: for a long read (a report
   * streamed from a cursor) that ends at its own decision. The caller must `release()` it, always.
   */
  async begin(): Promise<QueryRunner> {
    const runner = await this.connection();
    try {
      await runner.startTransaction();
    } catch (error) {
      await runner.release();
      throw error;
    }
    return runner;
  }

  /**
   * Runs `work` on a connection of its own, outside any transaction, its statements held to a
   * job's limit: upkeep that cannot run in a transaction (a VACUUM after a job rewrote a table).
   */
  async upkeep<T>(timeouts: DatabaseTimeouts, work: (manager: EntityManager) => Promise<T>) {
    const runner = this.dataSource.createQueryRunner();
    await RequestDeadline.lift(() => runner.connect());
    try {
      await runner.query(`SELECT set_config('statement_timeout', $1, false)`, [
        `${timeouts.jobMs}ms`,
      ]);
      return await work(runner.manager);
    } finally {
      await runner.query('RESET statement_timeout').catch(() => undefined);
      await runner.release();
    }
  }

  /** The connection pool as it stands: its size, idle connections and requests waiting for one. */
  poolState(): { size: number; idle: number; waiting: number } {
    const pool = this.pool;
    return { size: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }

  /**
   * For reads outside any transaction: each statement on its own connection from the pool. A
   * use case holding a transaction reads through its manager instead, never through this.
   */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }
}

@Global()
@Module({ providers: [Transactions, QuickReads], exports: [Transactions, QuickReads] })
export class TransactionsModule {}

import { Global, Injectable, Module } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { DatabaseTimeouts } from 'src/config/settings';
import { QuickReads } from 'src/database/quick-reads';

/**
 * How a use case gets its transaction: services own their transactions through this and pass
 * the manager to their repositories, which alone write SQL. Services never see the DataSource.
 */
@Injectable()
export class Transactions {
  /** The transaction of an `all` in progress, which every use case it calls joins. */
  private readonly joined = new AsyncLocalStorage<EntityManager>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Inside `all`, it runs in that transaction instead.
   */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const outer = this.joined.getStore();
    return outer ? work(outer) : this.dataSource.transaction(work);
  }

  /**
   * Runs several use cases as one: each `run` and every read through `reader` inside `work` joins
   * this transaction, so all of it commits or none (loading a configuration pack).
   */
  all<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.joined.getStore()) throw new Error('Transactions.all cannot be nested');
    return this.dataSource.transaction((manager) => this.joined.run(manager, () => work(manager)));
  }

  /**
   * A transaction the caller ends itself, on a connection of its own: for long work (an import)
   * that commits or rolls back at its own decision. The caller must `release()` it, always.
   */
  async begin(): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
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
    await runner.connect();
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
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    return { size: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }

  /** For reads that need no transaction: each statement on its own connection from the pool. */
  get reader(): EntityManager {
    return this.joined.getStore() ?? this.dataSource.manager;
  }
}

@Global()
@Module({ providers: [Transactions, QuickReads], exports: [Transactions, QuickReads] })
export class TransactionsModule {}

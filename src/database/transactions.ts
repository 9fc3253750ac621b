import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * How a use case gets its transaction: services own their transactions through this and pass
 * the manager to their repositories, which alone write SQL. Services never see the DataSource.
 */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
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

  /** The connection pool as it stands: its size, idle connections and requests waiting for one. */
  poolState(): { size: number; idle: number; waiting: number } {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    return { size: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
  }

  /** For reads that need no transaction: each statement on its own connection from the pool. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }
}

@Global()
@Module({ providers: [Transactions], exports: [Transactions] })
export class TransactionsModule {}

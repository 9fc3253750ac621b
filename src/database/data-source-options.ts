import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseTimeouts } from 'src/config/settings';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

/** Migration history table; migrations/ is the only way the schema changes. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * One definition of the connection for the app, the migration CLI and the tests. With `timeouts`
 * (the app), every wait on the database is bounded: a statement, a lock, and the wait for a free
 * connection of the pool, so a locked table or a stalled server answers 503 instead of hanging.
 */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  timeouts?: DatabaseTimeouts,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: MIGRATIONS_TABLE,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    extra: {
      max: poolSize,
      application_name: 'guildhall',
      ...(timeouts && {
        statement_timeout: timeouts.statementMs,
        lock_timeout: timeouts.lockMs,
        connectionTimeoutMillis: timeouts.poolWaitMs,
        // A transaction left open by a stalled request does not hold its locks for ever.
        idle_in_transaction_session_timeout: Math.max(timeouts.jobMs, timeouts.statementMs),
      }),
    },
  };
}

import type { Pool } from 'pg';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * A read on a hot path through a named prepared statement: PostgreSQL plans it once per pooled
 * connection instead of on every call, which for a statement joining several modules' read models
 * costs more than running it (bench/). Inside a transaction (a `Transactions.all`) it runs there,
 * unprepared. Errors come out as TypeORM's, so they map to problems as every other query's do.
 */
export async function preparedRead<T>(
  manager: EntityManager,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  if (manager.queryRunner) return manager.query<T[]>(text, values);
  const pool = (manager.connection.driver as PostgresDriver).master as Pool;
  try {
    return (await pool.query({ name, text, values })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

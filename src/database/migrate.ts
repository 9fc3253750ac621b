import { Client } from 'pg';
import { DataSource, type Migration } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source-options';

/** Key of the session-level advisory lock that lets only one instance migrate at a time. */
const MIGRATION_LOCK_KEY = 'guildhall:migrations';

/**
 * Runs every pending migration while holding an advisory lock on a dedicated connection,
 * so several instances starting together migrate once; the others wait, then find nothing to do.
 */
export async function migrateDatabase(url: string): Promise<Migration[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [MIGRATION_LOCK_KEY]);
    const dataSource = new DataSource({ ...dataSourceOptions(url, 2), entities: [] });
    await dataSource.initialize();
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock
      .query('SELECT pg_advisory_unlock(hashtext($1))', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await lock.end();
  }
}

/** Reverts the most recent migration (npm run migration:revert, and the up/down/up test). */
export async function revertLastMigration(url: string): Promise<void> {
  const dataSource = new DataSource({ ...dataSourceOptions(url, 2), entities: [] });
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source-options';
import { migrateDatabase, revertLastMigration } from 'src/database/migrate';
import { createTestDatabase, dropTestDatabase } from 'test/support/database';

const MIGRATION_COUNT = readdirSync(join(process.cwd(), 'migrations')).filter((f) =>
  f.endsWith('.ts'),
).length;

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let url: string;
  beforeEach(async () => {
    url = await createTestDatabase({ empty: true });
  });
  afterEach(() => dropTestDatabase(url));

  it('migrate an empty database up, all the way down, and up again', async () => {
    expect(await migrateDatabase(url)).toHaveLength(MIGRATION_COUNT);
    const schema = await tables(url);
    expect(schema).toEqual(
      expect.arrayContaining(['accounts', 'audit_events', 'persons', 'refresh_tokens', 'api_keys']),
    );

    for (let i = 0; i < MIGRATION_COUNT; i++) await revertLastMigration(url);
    expect(await tables(url)).toEqual([]);

    expect(await migrateDatabase(url)).toHaveLength(MIGRATION_COUNT);
    expect(await tables(url)).toEqual(schema);
  });

  it('run concurrently, apply each migration exactly once', async () => {
    const results = await Promise.all([
      migrateDatabase(url),
      migrateDatabase(url),
      migrateDatabase(url),
    ]);
    expect(results.map((applied) => applied.length).sort()).toEqual([0, 0, MIGRATION_COUNT]);
    expect(await migrateDatabase(url)).toEqual([]);
  });

  it('leave nothing for migration:generate to find: entities describe the migrated schema exactly', async () => {
    await migrateDatabase(url);
    const dataSource = await new DataSource(dataSourceOptions(url, 2)).initialize();
    try {
      const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
      expect(upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

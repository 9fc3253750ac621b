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

  it("turn a category's older admission fields into its requirement, in the checklist's order", async () => {
    await migrateDatabase(url);
    // Back to the day before the change: it and every later migration undone.
    const since = readdirSync(join(process.cwd(), 'migrations')).filter(
      (file) => file.endsWith('.ts') && file >= '1795405800000',
    );
    for (let undone = 0; undone < since.length; undone++) await revertLastMigration(url);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const {
        rows: [str],
      } = await client.query<{ id: string }>(
        `INSERT INTO credential_types (code, name, issuer_kind, issuing_authority)
         VALUES ('STR', 'Surat Tanda Registrasi', 'external', 'KKI') RETURNING id`,
      );
      const category = (code: string, fields: string, values: string) =>
        client.query(
          `INSERT INTO membership_categories
             (code, name, dues_minor, currency, period_months, grace_days, member_number_format${fields})
           VALUES ('${code}', '${code}', 0, 'IDR', 12, 0, '${code}-{SEQ:4}'${values})`,
        );
      await category(
        'ORDINARY',
        ', requires_verified_qualification, qualification_degrees, required_credential_type_id, application_fee_minor',
        `, true, '{DOKTER}', '${str.id}', 100000`,
      );
      await category(
        'ADVOKAT',
        ', requires_verified_qualification, requirements',
        `, true, '{"all": [{"credential": "PKPA"}, {"pledge": true}]}'`,
      );
      await category('STUDENT', ', requires_verified_qualification', ', false');
    } finally {
      await client.end();
    }
    await migrateDatabase(url);
    const after = new Client({ connectionString: url });
    await after.connect();
    try {
      const { rows } = await after.query<{ code: string; requirements: unknown }>(
        `SELECT code, requirements FROM membership_categories ORDER BY code`,
      );
      expect(rows).toEqual([
        {
          code: 'ADVOKAT',
          requirements: { all: [{ qualification: {} }, { credential: 'PKPA' }, { pledge: true }] },
        },
        {
          code: 'ORDINARY',
          requirements: {
            all: [
              { qualification: { degrees: ['DOKTER'] } },
              { credential: 'STR' },
              { pledge: true },
              { applicationFee: 'paid' },
            ],
          },
        },
        { code: 'STUDENT', requirements: { all: [{ pledge: true }] } },
      ]);
    } finally {
      await after.end();
    }
  });
});

import 'tsconfig-paths/register';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from 'src/database/embedded-postgres';
import { migrateDatabase } from 'src/database/migrate';
import { loadDefaultPack } from 'test/support/configured-template';
import {
  TEMPLATE_DATABASE,
  UNCONFIGURED_TEMPLATE_DATABASE,
  serverUrlFor,
} from 'test/support/database';
import { freePort } from 'test/support/process';

declare global {
  var guildhallTestCleanup: (() => Promise<void>) | undefined;
}

/**
 * One PostgreSQL for the whole run (embedded, or TEST_DATABASE_URL), and two template databases
 * that test files clone into databases of their own: one migrated as a fresh deployment is, and
 * one that has also had its first start (the IDI pack loaded), which most tests begin from.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dir = await mkdtemp(join(process.cwd(), '.test-data-'));
    await chmod(dir, 0o755); // Postgres runs as its own user when the tests run as root.
    const cluster = await startEmbeddedPostgres({
      dataDir: join(dir, 'postgres'),
      port: await freePort(),
      database: 'guildhall_test',
    });
    serverUrl = cluster.urlFor('postgres');
    globalThis.guildhallTestCleanup = async () => {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  process.env.GUILDHALL_TEST_SERVER_URL = serverUrl;

  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const name of [TEMPLATE_DATABASE, UNCONFIGURED_TEMPLATE_DATABASE]) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${UNCONFIGURED_TEMPLATE_DATABASE}`);
    await migrateDatabase(serverUrlFor(serverUrl, UNCONFIGURED_TEMPLATE_DATABASE));
    await admin.query(
      `CREATE DATABASE ${TEMPLATE_DATABASE} TEMPLATE ${UNCONFIGURED_TEMPLATE_DATABASE}`,
    );
  } finally {
    await admin.end();
  }
  const evidenceDir = await mkdtemp(join(tmpdir(), 'guildhall-template-'));
  try {
    await loadDefaultPack(serverUrlFor(serverUrl, TEMPLATE_DATABASE), evidenceDir);
  } finally {
    await rm(evidenceDir, { recursive: true, force: true });
  }
}

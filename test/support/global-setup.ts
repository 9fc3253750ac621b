import 'tsconfig-paths/register';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from 'src/database/embedded-postgres';
import { migrateDatabase } from 'src/database/migrate';
import { TEMPLATE_DATABASE, serverUrlFor } from 'test/support/database';
import { freePort } from 'test/support/process';

declare global {
  var guildhallTestCleanup: (() => Promise<void>) | undefined;
}

/**
 * One PostgreSQL for the whole run (embedded, or TEST_DATABASE_URL), and one migrated
 * template database that every test file clones into a database of its own.
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
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(serverUrlFor(serverUrl, TEMPLATE_DATABASE));
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Migrated, and configured with the IDI pack as a default first start leaves it. */
export const TEMPLATE_DATABASE = 'guildhall_template';
/** Migrated only: a deployment before its first start has loaded a pack. */
export const UNCONFIGURED_TEMPLATE_DATABASE = 'guildhall_template_unconfigured';

/** The same server, another database. */
export function serverUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function serverUrl(): string {
  const url = process.env.GUILDHALL_TEST_SERVER_URL;
  if (!url)
    throw new Error(
      'GUILDHALL_TEST_SERVER_URL is not set: run the tests through jest (global setup)',
    );
  return url;
}

async function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of the test file's own: a clone of the configured template (the default), of the
 * migrated one with no configuration, or (empty: true) a blank one for migration tests.
 * Returns its URL.
 */
export async function createTestDatabase(
  options: { empty?: boolean; template?: 'configured' | 'unconfigured' } = {},
): Promise<string> {
  const template =
    options.template === 'unconfigured' ? UNCONFIGURED_TEMPLATE_DATABASE : TEMPLATE_DATABASE;
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withServer(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(
          options.empty
            ? `CREATE DATABASE ${name}`
            : `CREATE DATABASE ${name} TEMPLATE ${template}`,
        );
        return;
      } catch (error) {
        // Two files cloning the template at the same instant: one waits and retries.
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  });
  return serverUrlFor(serverUrl(), name);
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await withServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

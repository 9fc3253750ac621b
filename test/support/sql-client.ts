import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from 'test/support/database';

/**
 * A client on an empty database of the test file's own, for SQL that needs no schema (rules
 * evaluated on VALUES): connected before the file's tests, dropped after them.
 */
export function useSqlClient(): () => Client {
  let url: string;
  let client: Client;
  beforeAll(async () => {
    url = await createTestDatabase({ empty: true });
    client = new Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await dropTestDatabase(url);
  });
  return () => client;
}

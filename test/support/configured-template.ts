import { NestFactory } from '@nestjs/core';
import { AppModule } from 'src/app.module';
import { loadSettings } from 'src/config/settings';
import { SeedPacksService } from 'src/seed-packs/seed-packs.service';
import { TEST_JWT_SECRET } from 'test/support/app';

/** Starts the application once on a migrated database so its first start loads the IDI pack. */
export async function loadDefaultPack(databaseUrl: string, evidenceDir: string): Promise<void> {
  const settings = {
    ...loadSettings({}),
    logLevel: 'silent' as const,
    databaseUrl,
    databasePoolSize: 2,
    databaseReadPoolSize: 2,
    jwtSecret: TEST_JWT_SECRET,
    dailyRunTime: 'off',
    evidenceDir,
  };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(settings), {
    logger: false,
    // A module that cannot be put together fails the run with its reason, not a bare exit.
    abortOnError: false,
  });
  try {
    const loaded = await app.get(SeedPacksService).loadOnFirstStart(settings.seedPack);
    if (!loaded) throw new Error('The test template was configured already');
  } finally {
    await app.close();
  }
}

import { availableParallelism } from 'node:os';
import { InvalidSettingError, loadSettings } from 'src/config/settings';

describe(loadSettings.name, () => {
  it('applies defaults when nothing is set', () => {
    expect(loadSettings({})).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      accessTokenTtlSeconds: 900,
      loginMaxFailures: 5,
      trustProxy: false,
      dailyRunTime: '01:00',
    });
    expect(loadSettings({ DAILY_RUN_TIME: 'off' }).dailyRunTime).toBe('off');
  });

  it('reads numbers and booleans from strings', () => {
    expect(
      loadSettings({ PORT: '8080', TRUST_PROXY: 'true', LOGIN_MAX_FAILURES: '3' }),
    ).toMatchObject({
      port: 8080,
      trustProxy: true,
      loginMaxFailures: 3,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'Invalid setting PORT: must be an integer number'],
    [{ PORT: '70000' }, 'Invalid setting PORT: must not be greater than 65535'],
    [{ LOG_LEVEL: 'loud' }, 'Invalid setting LOG_LEVEL: must be one of the following values'],
    [{ ADMIN_EMAIL: 'root' }, 'Invalid setting ADMIN_EMAIL: must be an email'],
    [
      { JWT_SECRET: 'short' },
      'Invalid setting JWT_SECRET: must be longer than or equal to 32 characters',
    ],
    [{ DATABASE_URL: 'postgres://db/guildhall' }, 'Missing setting JWT_SECRET'],
    [{ DAILY_RUN_TIME: '25:00' }, 'Invalid setting DAILY_RUN_TIME: must be HH:MM (24-hour) or off'],
  ])('stops on %j with one line naming the setting', (env, message) => {
    expect(() => loadSettings(env)).toThrow(InvalidSettingError);
    expect(() => loadSettings(env)).toThrow(message);
  });

  it('sizes the quick-read pool to this machine when the database runs on it, and to 10 for a server elsewhere', () => {
    expect(loadSettings({})).toMatchObject({
      databasePoolSize: 10,
      databaseReadPoolSize: 2 * availableParallelism(),
    });
    const elsewhere = { DATABASE_URL: 'postgres://db/guildhall', JWT_SECRET: 'x'.repeat(32) };
    expect(loadSettings(elsewhere).databaseReadPoolSize).toBe(10);
    expect(loadSettings({ ...elsewhere, DATABASE_READ_POOL_SIZE: '24' }).databaseReadPoolSize).toBe(
      24,
    );
    expect(loadSettings({ DATABASE_POOL_SIZE: '3' }).databasePoolSize).toBe(3);
  });

  it('ignores empty values and unrelated variables', () => {
    expect(loadSettings({ PORT: '', HOME: '/root' }).port).toBe(3000);
  });
});

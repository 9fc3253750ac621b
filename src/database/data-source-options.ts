import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

/** Migration history table; migrations/ is the only way the schema changes. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/** One definition of the connection for the app, the migration CLI and the tests. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    migrationsTableName: MIGRATIONS_TABLE,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    extra: { max: poolSize, application_name: 'guildhall' },
  };
}

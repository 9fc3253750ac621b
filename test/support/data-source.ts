import { DataSource } from 'typeorm';
import { dataSourceOptions } from 'src/database/data-source-options';
import { createTestDatabase, dropTestDatabase } from 'test/support/database';

/**
 * A TypeORM data source on a migrated database of the test file's own, for repository and
 * service tests without HTTP (the medium tier): connected before the file's tests, dropped after.
 */
export function useDataSource(poolSize = 4): () => DataSource {
  let url: string;
  let dataSource: DataSource;
  beforeAll(async () => {
    url = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(url, poolSize)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await dropTestDatabase(url);
  });
  return () => dataSource;
}

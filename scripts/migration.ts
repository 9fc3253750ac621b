import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { prepareRuntime } from 'src/database/runtime';
import { loadSettings } from 'src/config/settings';
import { dataSourceOptions } from 'src/database/data-source-options';
import { migrateDatabase, revertLastMigration } from 'src/database/migrate';

const say = (line: string) => process.stdout.write(`${line}\n`);

function migrationFile(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) =>
    queries.map((q) => `    await q.query(\`${q.replace(/`/g, '\\`')}\`);`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(q: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(q: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

/**
 * npm run migration:generate <Name> | migration:run | migration:revert — against DATABASE_URL,
 * or the embedded PostgreSQL the app itself uses.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const runtime = await prepareRuntime(loadSettings(process.env), say);
  const url = runtime.settings.databaseUrl;
  try {
    switch (command) {
      case 'run': {
        const applied = await migrateDatabase(url);
        say(
          applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'nothing to apply',
        );
        break;
      }
      case 'revert':
        await revertLastMigration(url);
        say('reverted the last migration');
        break;
      case 'generate': {
        if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name))
          throw new Error('usage: npm run migration:generate -- AddSomething');
        await migrateDatabase(url);
        const dataSource = await new DataSource(dataSourceOptions(url, 2)).initialize();
        try {
          const sql = await dataSource.driver.createSchemaBuilder().log();
          if (!sql.upQueries.length) {
            say('entities and schema agree: no migration needed');
            break;
          }
          const timestamp = Date.now();
          const file = join('migrations', `${timestamp}-${name}.ts`);
          writeFileSync(
            file,
            migrationFile(
              `${name}${timestamp}`,
              sql.upQueries.map((q) => q.query),
              sql.downQueries.reverse().map((q) => q.query),
            ),
          );
          say(
            `wrote ${file}: read it, name its constraints, add CHECKs and partial indexes by hand`,
          );
        } finally {
          await dataSource.destroy();
        }
        break;
      }
      default:
        throw new Error('usage: scripts/migration.ts generate <Name> | run | revert');
    }
  } finally {
    await runtime.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const moduleOf = (path: string) => relative(SRC, path).split('/')[0];

/**
 * A module owns its tables: another module reads them through its exported service or read model
 * (which the owner writes), never by naming them in its own SQL.
 */
describe('table ownership', () => {
  const files = sourceFiles(SRC);
  const owners = new Map<string, string>();
  for (const file of files.filter((path) => path.endsWith('.entity.ts'))) {
    for (const [, table] of readFileSync(file, 'utf8').matchAll(/@Entity\(\s*'([a-z_]+)'/g)) {
      owners.set(table, moduleOf(file));
    }
  }

  it('knows the tables of every module', () => {
    expect(owners.get('persons')).toBe('people');
    expect(owners.get('invoices')).toBe('dues');
    expect(owners.get('memberships')).toBe('membership');
    expect(owners.size).toBeGreaterThan(30);
  });

  it("finds no module naming another module's table in SQL", () => {
    const trespasses = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...owners]
        .filter(([, owner]) => owner !== moduleOf(file))
        .filter(([table]) =>
          new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+${table}\\b`, 'i').test(text),
        )
        .map(([table, owner]) => `${relative(SRC, file)} names ${table} (owned by ${owner})`);
    });
    expect(trespasses).toEqual([]);
  });
});

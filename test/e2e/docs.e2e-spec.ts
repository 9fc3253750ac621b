import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EnvironmentVariables } from 'src/config/settings';
import { createTestApp, type TestApp } from 'test/support/app';

const ROOT = join(__dirname, '..', '..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Served beside the API and not part of its description. */
const BESIDE_THE_API = ['/docs', '/openapi.json'];

/**
 * The routes a page names: `GET /people/{id}`, a path in backquotes, a URL under `$GH` in the
 * walk-through. A segment in braces, a shell variable or a command's output stands for any value.
 */
function routesNamedIn(text: string): { method?: string; path: string }[] {
  const named: { method?: string; path: string }[] = [];
  const clean = (path: string) =>
    path
      .replace(/[?#].*$/, '')
      .replace(/\$\([^)]*\)|\$\{?\w+\}?|\{[^}]*\}/g, '*')
      .replace(/[.,:;)"'`\\]+$/, '')
      .replace(/(.)\/$/, '$1');
  for (const match of text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[^\s`)"']*)/g)) {
    named.push({ method: match[1].toLowerCase(), path: clean(match[2]) });
  }
  for (const match of text.matchAll(/`(\/[A-Za-z][^`\s]*)`/g))
    named.push({ path: clean(match[1]) });
  for (const match of text.matchAll(/\$GH(\/[^\s"'\\]*)/g)) named.push({ path: clean(match[1]) });
  return named.filter(({ path }) => !path.includes('…') && !path.startsWith('/tmp'));
}

describe('the README and docs/', () => {
  let t: TestApp;
  let operations: { path: RegExp; prefix: string; methods: string[] }[];

  beforeAll(async () => {
    t = await createTestApp();
    const spec = (await t.http().get('/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(spec.paths).map(([path, item]) => ({
      // A credential number is the rest of the path, slashes and all (`001/SKP/03/26`).
      path: new RegExp(`^${path.replace(/\{number\}$/, '.+').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      prefix: path,
      methods: METHODS.filter((method) => method in item),
    }));
  });
  afterAll(() => t.close());

  it('keeps the README to what a newcomer reads first', () => {
    expect(statSync(join(ROOT, 'README.md')).size).toBeLessThan(20_000);
    for (const page of PAGES) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      // No table cell padded out to the widest of its column.
      const padded = text.split('\n').filter((line) => / {4,}\|/.test(line));
      expect({ page, padded }).toEqual({ page, padded: [] });
    }
  });

  it('names only routes the API has, with their methods', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const page of PAGES) {
      for (const { method, path } of routesNamedIn(readFileSync(join(ROOT, page), 'utf8'))) {
        checked += 1;
        const concrete = path.replace(/\*/g, 'x');
        if (BESIDE_THE_API.includes(concrete)) continue;
        const found = operations.filter((operation) => operation.path.test(concrete));
        // A path named without a method may be an area's prefix (`/cpd`).
        const served = method
          ? found.some((operation) => operation.methods.includes(method))
          : found.length > 0 || operations.some(({ prefix }) => prefix.startsWith(`${path}/`));
        if (!served) missing.push(`${page}: ${method?.toUpperCase() ?? ''} ${path}`.trim());
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });

  it('lists every setting in docs/settings.md', () => {
    const page = readFileSync(join(ROOT, 'docs', 'settings.md'), 'utf8');
    for (const name of Object.keys(new EnvironmentVariables())) {
      expect(page).toContain(`- \`${name}\``);
    }
  });
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QuickReads } from 'src/database/quick-reads';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin } from 'test/support/actors';

/**
 * The statements the read models compose, as PostgreSQL receives them, are kept in committed
 * .sql files beside the module that owns each: a change to any read model (a module's columns,
 * a join another module lends) shows in review as the final statement. `npm run sql` rewrites
 * them; this test fails while a file differs from the statement sent.
 */
const OWNERS: Record<string, string> = {
  standing_facts: 'src/standing/queries',
  cpd_transcript_facts: 'src/cpd/queries',
  public_credentials_by_numbers: 'src/credentials/queries',
  public_credential_search: 'src/credentials/queries',
};
const WRITE = process.env.WRITE_SQL === '1';

const asFile = (name: string, text: string) =>
  `-- ${name}: written by test/e2e/read-model-statements.e2e-spec.ts (npm run sql); do not edit.\n${text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line, index, lines) => line !== '' || (index > 0 && lines[index - 1] !== ''))
    .join('\n')
    .trim()}\n`;

describe('the statements the read models compose', () => {
  let t: TestApp;
  const sent = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    const reads = t.app.get(QuickReads);
    const query = reads.query.bind(reads);
    jest.spyOn(reads, 'query').mockImplementation((name, text, values) => {
      sent.set(name, text);
      return query(name, text, values);
    });
    const admin = await loginAsAdmin(t);
    const member = await loginAs(t, 'member', 'dr. Pernyataan');
    const as = (path: string) => t.http().get(path).set('authorization', admin.bearer);
    await as(`/standing?personId=${member.personId}`).expect(200);
    await as(`/cpd/transcript?personId=${member.personId}`).expect(200);
    await t.http().get('/public/credentials/SK-0000-000000').expect(404);
    await t.http().get('/public/credentials?name=Siti').expect(200);
  });
  afterAll(() => t.close());

  it('sends each named statement of a read model', () => {
    expect(Object.keys(OWNERS).filter((name) => !sent.has(name))).toEqual([]);
  });

  it.each(Object.entries(OWNERS))('keeps %s as sent, in %s', (name, folder) => {
    const file = join(__dirname, '..', '..', folder, `${name}.sql`);
    const statement = asFile(name, sent.get(name)!);
    if (WRITE) writeFileSync(file, statement);
    expect(existsSync(file) ? readFileSync(file, 'utf8') : `(no ${folder}/${name}.sql)`).toBe(
      statement,
    );
  });
});

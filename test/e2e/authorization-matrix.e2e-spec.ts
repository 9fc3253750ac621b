import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DUTIES, SCOPED_DUTIES, type Duty } from 'src/auth/duties';
import { ROLES, type Role } from 'src/auth/roles';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin } from 'test/support/actors';

type StaffRole = Exclude<Role, 'admin' | 'member'>;
/** A staff account scoped to a profession keeps only the duties SCOPED_DUTIES names. */
type Caller = Role | 'anonymous' | 'api key' | `scoped ${StaffRole}`;
const STAFF_ROLES = ROLES.filter(
  (role): role is StaffRole => role !== 'admin' && role !== 'member',
);

interface Operation {
  'x-duty'?: Duty | 'any account' | 'organisations';
  'x-self'?: boolean;
}

/** Who the duties table (src/auth/duties.ts) lets through a route, as its docs name the duty. */
function allowed(operation: Operation): Set<Caller> {
  const duty = operation['x-duty'];
  const scoped = STAFF_ROLES.map((role): Caller => `scoped ${role}`);
  if (duty === undefined) return new Set<Caller>([...ROLES, ...scoped, 'anonymous', 'api key']);
  if (duty === 'organisations') return new Set<Caller>(['api key']);
  if (duty === 'any account') return new Set<Caller>([...ROLES, ...scoped]);
  const roles: readonly Role[] = DUTIES[duty];
  return new Set<Caller>([
    ...roles,
    ...(operation['x-self'] ? (['member'] as const) : []),
    ...(SCOPED_DUTIES.includes(duty)
      ? STAFF_ROLES.filter((role) => roles.includes(role)).map((role): Caller => `scoped ${role}`)
      : []),
  ]);
}

/** A value for each path parameter that passes its route's own checks. */
const parameterValue = (name: string) =>
  ({ purpose: 'revocation', list: '1', code: 'not-found', number: 'NO-SUCH-1' })[name] ??
  randomUUID();

/**
 * Every route in /openapi.json, for every role, anonymous and an organisation's API key: a caller
 * the table admits gets past the guard (any answer but 401/403), any other is refused (401 without
 * credentials, 403 with the wrong ones) before the request is read.
 */
describe('authorization matrix: every route, every role, against the duties table', () => {
  let t: TestApp;
  const headers = new Map<Caller, Record<string, string>>();

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAsAdmin(t);
    headers.set('anonymous', {});
    for (const role of ROLES) {
      const who = role === 'admin' ? admin : await loginAs(t, role);
      headers.set(role, { authorization: who.bearer });
    }
    const [doctors] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM professions WHERE code = 'DOKTER'`,
    );
    for (const role of STAFF_ROLES) {
      const who = await loginAs(t, role, `Scoped ${role}`, { professionId: doctors.id });
      headers.set(`scoped ${role}`, { authorization: who.bearer });
    }
    const key = await t
      .http()
      .post('/api-keys')
      .set('authorization', admin.bearer)
      .send({ name: 'Matrix', organisation: 'RS Matrix' })
      .expect(201);
    headers.set('api key', { 'x-api-key': key.body.key as string });
  });
  afterAll(() => t.close());

  it('lets exactly the callers the table names through each route', async () => {
    const { body: document } = await t.http().get('/openapi.json').expect(200);
    const mismatches: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries(document.paths as Record<string, object>)) {
      for (const [method, operation] of Object.entries(item) as [string, Operation][]) {
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => parameterValue(name));
        const admitted = allowed(operation);
        for (const [caller, credentials] of headers) {
          const request = t.http()[method as 'get'](url).set(credentials);
          const response = ['post', 'put', 'patch'].includes(method)
            ? await request.send({})
            : await request;
          checked++;
          // Refused by the guard, before the request is read (a member past it may still be
          // refused another person's record by the service, which says so differently).
          const refused =
            response.status === 401 ||
            (response.status === 403 &&
              /^(This route|API keys cannot)/.test(String(response.body?.detail)));
          if (admitted.has(caller) === refused) {
            mismatches.push(
              `${method.toUpperCase()} ${path} as ${caller}: ${response.status} ${response.body?.detail ?? ''}`,
            );
          } else if (refused) {
            expect(response.body.type).toBe(
              caller === 'anonymous' ? '/problems/unauthenticated' : '/problems/forbidden',
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(600);
  });

  it('keeps person records, with national IDs, to registrars and admins', () => {
    expect(DUTIES.people).toEqual(['admin', 'registrar']);
    // A CPD officer finds members and runs CPD, and nothing more.
    for (const [duty, roles] of Object.entries(DUTIES)) {
      if (duty !== 'memberLookup' && duty !== 'cpd') expect(roles).not.toContain('cpd_officer');
    }
  });

  it('is documented in docs/access.md, duty by duty', () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'access.md'), 'utf8');
    for (const [duty, roles] of Object.entries(DUTIES)) {
      expect(page).toContain(`- **\`${duty}\`** (${roles.join(', ')}): `);
    }
  });
});

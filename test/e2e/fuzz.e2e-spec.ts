import fc from 'fast-check';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin } from 'test/support/actors';
import { newPerson } from 'test/support/factories';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: { $ref?: string; properties?: object } }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

/** Odd values a client may send: NUL, huge numbers, impossible dates, paths, unicode. */
const oddText = fc.constantFrom(
  '',
  ' ',
  '\0',
  'a\0b',
  '1e308',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '9'.repeat(40),
  '../../etc/passwd',
  '%00',
  '%',
  'true',
  'null',
  '2026-02-30',
  '0000-01-01',
  '𝕲𝖚𝖎𝖑𝖉𝖍𝖆𝖑𝖑',
  "'; DROP TABLE persons; --",
);
const scalar = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  oddText,
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, 2 ** 63, Number.MAX_SAFE_INTEGER + 2),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
}));
const textValue = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), oddText, fc.uuid());

/** A body shaped like the operation's schema (its field names, odd values), or anything at all. */
function bodyFor(operation: Operation, document: Document): fc.Arbitrary<unknown> {
  const ref = operation.requestBody?.content['application/json']?.schema?.$ref;
  const schema = ref ? document.components.schemas[ref.split('/').at(-1)!] : undefined;
  const names = Object.keys(schema?.properties ?? {});
  const shaped = names.length
    ? fc.record(Object.fromEntries(names.map((name) => [name, value])), { requiredKeys: [] })
    : value;
  return fc.oneof(shaped, value);
}

const encode = (raw: unknown) => encodeURIComponent(String(raw));

/** Requests per operation, and a fixed seed so a failure replays (FUZZ_SEED explores others). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

/** The API in areas of about the same size, by a path's first segment. */
const AREA_OF_SEGMENT: Record<string, string> = {
  auth: 'access',
  accounts: 'access',
  'api-keys': 'access',
  'audit-events': 'access',
  people: 'people and education',
  chapters: 'people and education',
  professions: 'people and education',
  institutions: 'people and education',
  qualifications: 'people and education',
  degrees: 'people and education',
  evidence: 'people and education',
  credentials: 'credentials',
  'credential-types': 'credentials',
  public: 'credentials',
  verify: 'credentials',
  status: 'credentials',
  contexts: 'credentials',
  verifications: 'credentials',
  'watch-lists': 'credentials',
  'webhook-endpoints': 'credentials',
  memberships: 'membership and dues',
  'membership-applications': 'membership and dues',
  'membership-categories': 'membership and dues',
  directory: 'membership and dues',
  invoices: 'membership and dues',
  payments: 'membership and dues',
  ethics: 'ethics',
  cases: 'ethics',
  cpd: 'cpd',
  standing: 'standing, renewals and letters',
  renewals: 'standing, renewals and letters',
  letters: 'standing, renewals and letters',
  volunteering: 'volunteering and mail',
  reminders: 'volunteering and mail',
  mail: 'volunteering and mail',
  health: 'platform',
  problems: 'platform',
  'seed-packs': 'platform',
  '.well-known': 'platform',
};
const AREAS = [...new Set(Object.values(AREA_OF_SEGMENT))];
type Area = (typeof AREAS)[number];
const areaOf = (path: string): Area | undefined => AREA_OF_SEGMENT[path.split('/')[1]];

describe('fuzz: generated requests to every operation never reach a 500', () => {
  let t: TestApp;
  let document: Document;
  const callers = new Map<string, Record<string, string>>();
  let stranger: { id: string; nationalId: string };

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAsAdmin(t);
    const member = await loginAs(t, 'member');
    callers.set('anonymous', {});
    callers.set('member', { authorization: member.bearer });
    callers.set('admin', { authorization: admin.bearer });
    // Another person whose record a member must never see.
    const person = await newPerson(t, admin, {
      fullName: 'Orang Lain',
      nationalId: '3171999999990001',
    });
    stranger = { id: person.id, nationalId: '3171999999990001' };
    document = (await t.http().get('/openapi.json').expect(200)).body as Document;
  });
  afterAll(() => t.close());

  /** Operations of one area of the API, each sent RUNS generated requests. */
  const fuzzArea = async (area: Area): Promise<string[]> => {
    const failures: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      if (areaOf(path) !== area) continue;
      for (const [method, operation] of Object.entries(item)) {
        const parameters = operation.parameters ?? [];
        const pathNames = parameters.filter((p) => p.in === 'path').map((p) => p.name);
        const queryNames = parameters.filter((p) => p.in === 'query').map((p) => p.name);
        const request = fc.record({
          path: fc.record(
            Object.fromEntries(pathNames.map((name) => [name, fc.oneof(fc.uuid(), textValue)])),
          ),
          query: fc.dictionary(
            fc.oneof(fc.constantFrom(...(queryNames.length ? queryNames : ['x'])), fc.string()),
            fc.oneof(textValue, fc.array(textValue, { minLength: 2, maxLength: 3 })),
            { maxKeys: 3 },
          ),
          body: bodyFor(operation, document),
          caller: fc.constantFrom(...callers.keys()),
        });
        await fc.assert(
          fc.asyncProperty(request, async ({ path: params, query, body, caller }) => {
            const url = path.replace(/\{(\w+)\}/g, (_, name: string) => encode(params[name]));
            const search = new URLSearchParams();
            for (const [key, raw] of Object.entries(query)) {
              for (const item of [raw].flat()) search.append(key, String(item));
            }
            const target = `${url}${search.size ? `?${search.toString()}` : ''}`;
            let call = t.http()[method as 'get'](target).set(callers.get(caller)!);
            if (['post', 'put', 'patch'].includes(method)) {
              const csv = operation.requestBody?.content['text/csv'] !== undefined;
              call = csv
                ? call
                    .set('content-type', 'text/csv')
                    .send(typeof body === 'string' ? body : JSON.stringify(body))
                : call.set('content-type', 'application/json').send(JSON.stringify(body));
            }
            const response = await call;
            const said = `${method.toUpperCase()} ${target} as ${caller}: ${response.status} ${
              response.text?.slice(0, 200) ?? ''
            }`;
            if (response.status >= 500) failures.push(said);
            if (
              response.status >= 400 &&
              // The public web pages answer people in HTML, a missing number too.
              !path.startsWith('/verify') &&
              !path.startsWith('/letters/verify') &&
              !/^application\/problem\+json/.test(String(response.headers['content-type']))
            ) {
              failures.push(`not problem+json: ${said}`);
            }
            if (
              caller === 'member' &&
              response.status < 300 &&
              (response.text ?? '').match(new RegExp(`${stranger.nationalId}|${stranger.id}`))
            ) {
              failures.push(`another person's data: ${said}`);
            }
            return true;
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
    }
    return failures;
  };

  it.each(AREAS)(
    'answers every odd request to %s with a problem (4xx) or success, never 5xx or another person’s data',
    async (area) => {
      expect(await fuzzArea(area)).toEqual([]);
    },
    // Each area in its own budget: a loaded machine slows every request, never one area alone.
    180_000,
  );

  it('fuzzes every operation the API describes: each path is in an area', () => {
    expect(Object.keys(document.paths).filter((path) => areaOf(path) === undefined)).toEqual([]);
  });
});

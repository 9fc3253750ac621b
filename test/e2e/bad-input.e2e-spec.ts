import { JwtService } from '@nestjs/jwt';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from 'test/support/app';
import { loginAsAdmin, type SignedIn } from 'test/support/actors';
import { expectFieldErrors, expectProblem } from 'test/support/factories';

/** JSON nested `depth` levels deep: `{"a":{"a":...}}`. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('bad input gets a clear answer, never a 500', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
  });
  afterAll(() => t.close());

  it('refuses a query parameter given twice, by name, on public and staff routes', async () => {
    expectFieldErrors(await t.http().get('/verify?number=a&number=b'), [
      { field: 'number', message: 'number must be given once' },
    ]);
    expectFieldErrors(
      await t
        .http()
        .get('/credentials?status=active&status=expired')
        .set('authorization', admin.bearer),
      [{ field: 'status', message: 'status must be given once' }],
    );
    expectFieldErrors(await t.http().get('/public/credentials?name=siti&name=rahayu'), [
      { field: 'name', message: 'name must be given once' },
    ]);
  });

  it('refuses JSON nested too deep with 400, before and after signing in', async () => {
    const login = await t
      .http()
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send(nested(1500));
    expectProblem(login, 400, 'malformed-request');
    expect(login.body.detail).toBe('The JSON body is nested deeper than 32 levels');
    const people = await t
      .http()
      .post('/people')
      .set('authorization', admin.bearer)
      .set('content-type', 'application/json')
      .send(nested(1500));
    expectProblem(people, 400, 'malformed-request');
    // Ordinary nesting is untouched.
    await t
      .http()
      .post('/people')
      .set('authorization', admin.bearer)
      .send({ fullName: 'Yulia Anggraini', address: { city: 'Padang' } })
      .expect((r) => expect(r.status).not.toBe(500));
  });

  it('authenticates before reading the body: malformed JSON without a token is 401', async () => {
    const anonymous = await t
      .http()
      .post('/people')
      .set('content-type', 'application/json')
      .send('{"fullName": ');
    expectProblem(anonymous, 401, 'unauthenticated');
    const signedIn = await t
      .http()
      .post('/people')
      .set('authorization', admin.bearer)
      .set('content-type', 'application/json')
      .send('{"fullName": ');
    expectProblem(signedIn, 400, 'malformed-request');
  });

  it('keeps pages to one rule with a maximum, on every list', async () => {
    for (const path of [
      '/people',
      '/credentials',
      '/invoices',
      '/qualifications',
      '/audit-events',
    ]) {
      for (const page of ['1e308', '1e20', '10001']) {
        expectFieldErrors(
          await t.http().get(path).query({ page }).set('authorization', admin.bearer),
          [{ field: 'page', message: 'page must not be greater than 10000' }],
        );
      }
    }
    await t
      .http()
      .get('/people')
      .query({ page: '10000' })
      .set('authorization', admin.bearer)
      .expect(200);
  });

  it('refuses a signed access token that never expires', async () => {
    const forever = new JwtService({ secret: TEST_JWT_SECRET }).sign(
      { sub: admin.accountId, roles: ['admin'], pid: null },
      { issuer: 'guildhall', algorithm: 'HS256' },
    );
    const response = await t.http().get('/people').set('authorization', `Bearer ${forever}`);
    expectProblem(response, 401, 'unauthenticated');
    expect(response.body.detail).toBe('The access token has no expiry; sign in again');
  });
});

import { JwtService } from '@nestjs/jwt';
import {
  createTestApp,
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  TEST_JWT_SECRET,
  type TestApp,
} from 'test/support/app';
import { login, loginAs, loginAsAdmin } from 'test/support/actors';
import { auditRowsFor, expectFieldErrors, expectProblem } from 'test/support/factories';

describe('auth (sign-in, tokens, registration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ settings: { loginMaxFailures: 3, loginLockoutMinutes: 15 } });
  });
  afterAll(() => t.close());

  describe('POST /auth/login', () => {
    it('signs the first admin in with a short-lived access token and a refresh token', async () => {
      const response = await t
        .http()
        .post('/auth/login')
        .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
        .expect(200);
      expect(response.body).toEqual({
        tokenType: 'Bearer',
        accessToken: expect.any(String),
        expiresIn: 900,
        refreshToken: expect.any(String),
      });
      const claims = new JwtService({ secret: TEST_JWT_SECRET }).verify(response.body.accessToken);
      expect(claims.exp - claims.iat).toBe(900);
      expect(claims.roles).toEqual(['admin']);
    });

    it('treats the email case-insensitively', async () => {
      await t
        .http()
        .post('/auth/login')
        .send({ email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD })
        .expect(200);
    });

    it('answers a wrong password with 401 problem+json, saying nothing about which part was wrong', async () => {
      const response = await t
        .http()
        .post('/auth/login')
        .send({ email: ADMIN_EMAIL, password: 'not-the-password' });
      expectProblem(response, 401, 'invalid-credentials');
      const unknown = await t
        .http()
        .post('/auth/login')
        .send({ email: 'nobody@guildhall.test', password: 'whatever-it-is' });
      expectProblem(unknown, 401, 'invalid-credentials');
      expect(unknown.body.detail).toBe(response.body.detail);
    });

    it('rejects a login body with an unknown field, naming it', async () => {
      const response = await t
        .http()
        .post('/auth/login')
        .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, remember: true });
      expectFieldErrors(response, [{ field: 'remember', message: 'is not a known field' }]);
    });

    it('locks the account after repeated failures, even against the right password, until an admin unlocks it', async () => {
      const member = await loginAs(t, 'member');
      for (let i = 0; i < 2; i++) {
        expectProblem(
          await t
            .http()
            .post('/auth/login')
            .send({ email: member.email, password: 'wrong-password' }),
          401,
          'invalid-credentials',
        );
      }
      const locking = await t
        .http()
        .post('/auth/login')
        .send({ email: member.email, password: 'wrong-password' });
      expectProblem(locking, 423, 'account-locked');
      expect(Date.parse(locking.body.lockedUntil)).toBeGreaterThan(Date.now() + 14 * 60_000);

      expectProblem(
        await t.http().post('/auth/login').send({ email: member.email, password: member.password }),
        423,
        'account-locked',
      );
      expect((await auditRowsFor(t, 'account', member.accountId)).map((r) => r.action)).toContain(
        'account.locked',
      );

      const admin = await loginAsAdmin(t);
      await t
        .http()
        .patch(`/accounts/${member.accountId}`)
        .set('authorization', admin.bearer)
        .send({ unlock: true })
        .expect(200);
      await login(t, member.email, member.password);
    });
  });

  describe('POST /auth/refresh', () => {
    it('rotates: the new pair works and the spent token is refused', async () => {
      const admin = await loginAsAdmin(t);
      const rotated = await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: admin.refreshToken })
        .expect(200);
      expect(rotated.body.refreshToken).not.toBe(admin.refreshToken);
      await t
        .http()
        .get('/auth/me')
        .set('authorization', `Bearer ${rotated.body.accessToken}`)
        .expect(200);
      const again = await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken })
        .expect(200);
      expect(again.body.accessToken).toEqual(expect.any(String));
    });

    it('on reuse of a spent token, ends the whole session family', async () => {
      const admin = await loginAsAdmin(t);
      const rotated = await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: admin.refreshToken })
        .expect(200);

      const reuse = await t.http().post('/auth/refresh').send({ refreshToken: admin.refreshToken });
      expectProblem(reuse, 401, 'refresh-token-reused');

      // The thief's copy and the legitimate newest token are both dead now.
      const newest = await t
        .http()
        .post('/auth/refresh')
        .send({ refreshToken: rotated.body.refreshToken });
      expectProblem(newest, 401, 'invalid-refresh-token');
      const [{ count }] = await t.db.query(
        `SELECT count(*)::int AS count FROM refresh_tokens
          WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE account_id = $1 ORDER BY created_at DESC LIMIT 1)
            AND revoked_at IS NULL`,
        [admin.accountId],
      );
      expect(count).toBe(0);
      expect((await auditRowsFor(t, 'account', admin.accountId)).map((r) => r.action)).toContain(
        'session.reuse_detected',
      );
    });

    it('lets only one of two simultaneous refreshes with the same token through', async () => {
      const admin = await loginAsAdmin(t);
      const results = await Promise.all(
        [1, 2].map(() => t.http().post('/auth/refresh').send({ refreshToken: admin.refreshToken })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('refuses an unknown token', async () => {
      expectProblem(
        await t.http().post('/auth/refresh').send({ refreshToken: 'made-up' }),
        401,
        'invalid-refresh-token',
      );
    });
  });

  describe('access tokens', () => {
    it('refuses an expired token with token-expired', async () => {
      const admin = await loginAsAdmin(t);
      const expired = new JwtService({ secret: TEST_JWT_SECRET }).sign(
        {
          sub: admin.accountId,
          roles: ['admin'],
          pid: null,
          exp: Math.floor(Date.now() / 1000) - 10,
        },
        { issuer: 'guildhall' },
      );
      expectProblem(
        await t.http().get('/auth/me').set('authorization', `Bearer ${expired}`),
        401,
        'token-expired',
      );
    });

    it('refuses a token signed with another secret', async () => {
      const forged = new JwtService({
        secret: 'another-secret-another-secret-another-secret',
      }).sign(
        { sub: '00000000-0000-0000-0000-000000000000', roles: ['admin'], pid: null },
        { issuer: 'guildhall' },
      );
      expectProblem(
        await t.http().get('/auth/me').set('authorization', `Bearer ${forged}`),
        401,
        'unauthenticated',
      );
    });

    it('refuses a call without credentials', async () => {
      expectProblem(await t.http().get('/auth/me'), 401, 'unauthenticated');
    });
  });

  describe('POST /auth/logout and /auth/password', () => {
    it('logout ends the session: its refresh token stops working', async () => {
      const admin = await loginAsAdmin(t);
      await t
        .http()
        .post('/auth/logout')
        .set('authorization', admin.bearer)
        .send({ refreshToken: admin.refreshToken })
        .expect(204);
      expectProblem(
        await t.http().post('/auth/refresh').send({ refreshToken: admin.refreshToken }),
        401,
        'invalid-refresh-token',
      );
    });

    it('a password change needs the current password and ends every session', async () => {
      const member = await loginAs(t, 'member');
      const wrong = await t
        .http()
        .post('/auth/password')
        .set('authorization', member.bearer)
        .send({ currentPassword: 'not-my-password', newPassword: 'a-brand-new-password' });
      expectProblem(wrong, 400, 'validation-failed');
      expect(wrong.body.errors[0].field).toBe('currentPassword');

      const tooShort = await t
        .http()
        .post('/auth/password')
        .set('authorization', member.bearer)
        .send({ currentPassword: member.password, newPassword: 'short' });
      expectProblem(tooShort, 400, 'validation-failed');
      expect(tooShort.body.errors[0].field).toBe('newPassword');

      await t
        .http()
        .post('/auth/password')
        .set('authorization', member.bearer)
        .send({ currentPassword: member.password, newPassword: 'a-brand-new-password' })
        .expect(204);
      expectProblem(
        await t.http().post('/auth/refresh').send({ refreshToken: member.refreshToken }),
        401,
        'invalid-refresh-token',
      );
      expectProblem(
        await t.http().post('/auth/login').send({ email: member.email, password: member.password }),
        401,
        'invalid-credentials',
      );
      // The access token issued before the change stops at once too.
      expectProblem(
        await t.http().get('/memberships/me').set('authorization', member.bearer),
        401,
        'unauthenticated',
      );
      await login(t, member.email, 'a-brand-new-password');
      const audit = await auditRowsFor(t, 'account', member.accountId);
      const change = audit.find((r) => r.action === 'account.password_changed');
      expect(JSON.stringify(change)).not.toMatch(/a-brand-new-password|\$argon2/);
    });
  });

  describe('POST /auth/register', () => {
    it('creates a person and a member account; a single name is a whole name', async () => {
      const response = await t
        .http()
        .post('/auth/register')
        .send({
          email: 'Sukarno@Example.org',
          password: 'merdeka-1945-merdeka',
          fullName: 'Sukarno',
        })
        .expect(201);
      expect(response.body).toMatchObject({
        email: 'sukarno@example.org',
        roles: ['member'],
        displayName: 'Sukarno',
      });
      const member = await login(t, 'sukarno@example.org', 'merdeka-1945-merdeka');
      const me = await t.http().get('/people/me').set('authorization', member.bearer).expect(200);
      expect(me.body).toMatchObject({ fullName: 'Sukarno', email: 'sukarno@example.org' });
      expect((await auditRowsFor(t, 'account', member.accountId)).map((r) => r.action)).toContain(
        'account.registered',
      );
    });

    it('answers a duplicate email (in any case) with 409 and creates nothing', async () => {
      const before = await t.db.query(
        `SELECT (SELECT count(*) FROM persons) AS persons, (SELECT count(*) FROM accounts) AS accounts`,
      );
      const response = await t.http().post('/auth/register').send({
        email: ADMIN_EMAIL.toUpperCase(),
        password: 'some-long-password',
        fullName: 'Copycat',
      });
      expectProblem(response, 409, 'email-taken');
      const after = await t.db.query(
        `SELECT (SELECT count(*) FROM persons) AS persons, (SELECT count(*) FROM accounts) AS accounts`,
      );
      expect(after).toEqual(before);
    });
  });
});

describe('auth rate limit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ settings: { loginRateLimitPerMinute: 3 } });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After once an IP exceeds the login limit', async () => {
    for (let i = 0; i < 3; i++) {
      await t
        .http()
        .post('/auth/login')
        .send({ email: ADMIN_EMAIL, password: 'wrong-password' })
        .expect(401);
    }
    const limited = await t
      .http()
      .post('/auth/login')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Other routes keep their own, wider limit.
    await t.http().get('/health/live').expect(200);
  });
});

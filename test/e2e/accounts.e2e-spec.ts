import { AccountsRepository } from 'src/accounts/accounts.repository';
import { createTestApp, type TestApp } from 'test/support/app';
import { login, loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { sendTogetherBehind } from 'test/support/concurrency';
import { auditRowsFor, expectFieldErrors, expectProblem } from 'test/support/factories';

describe('accounts (admins manage staff accounts)', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
  });
  afterAll(() => t.close());

  const newStaff = (
    roles: string[],
    email = `staff-${Math.random().toString(36).slice(2)}@guildhall.test`,
  ) =>
    t.http().post('/accounts').set('authorization', admin.bearer).send({
      email,
      password: 'a-staff-password-1',
      displayName: 'Dewi Lestari',
      roles,
    });

  it('refuses callers without a token (401) and non-admins (403)', async () => {
    expectProblem(await t.http().get('/accounts'), 401, 'unauthenticated');
    const member = await loginAs(t, 'member');
    expectProblem(
      await t.http().get('/accounts').set('authorization', member.bearer),
      403,
      'forbidden',
    );
    const registrar = await loginAs(t, 'registrar');
    expectProblem(
      await t.http().get('/accounts').set('authorization', registrar.bearer),
      403,
      'forbidden',
    );
  });

  it('creates a staff account that can sign in, with an audit row that holds no password', async () => {
    const response = await newStaff(['registrar', 'cpd_officer']).expect(201);
    expect(response.body).toMatchObject({
      roles: ['registrar', 'cpd_officer'],
      disabled: false,
      personId: null,
    });
    expect(response.body).not.toHaveProperty('passwordHash');
    const signedIn = await login(t, response.body.email, 'a-staff-password-1');
    expect(signedIn.accountId).toBe(response.body.id);

    const [created] = await auditRowsFor(t, 'account', response.body.id);
    expect(created).toMatchObject({ action: 'account.created', actor_id: admin.accountId });
    expect(JSON.stringify(created)).not.toMatch(/password|argon2/i);
  });

  it('answers a duplicate email, whatever its case, with 409 email-taken', async () => {
    const first = await newStaff(['finance']).expect(201);
    expectProblem(await newStaff(['finance'], first.body.email.toUpperCase()), 409, 'email-taken');
  });

  it('validates roles and rejects unknown fields by name', async () => {
    const response = await t
      .http()
      .post('/accounts')
      .set('authorization', admin.bearer)
      .send({
        email: 'not-an-email',
        password: 'a-staff-password-1',
        displayName: 'X',
        roles: ['registrar', 'emperor'],
        isSuperuser: true,
      });
    expectProblem(response, 400, 'validation-failed');
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'roles', 'isSuperuser']));
  });

  it('needs a person for a member account', async () => {
    const response = await newStaff(['member']);
    expectFieldErrors(response, [
      { field: 'personId', message: 'personId is required for a member account' },
    ]);
  });

  it('changes roles and records before and after', async () => {
    const staff = await newStaff(['finance']).expect(201);
    const updated = await t
      .http()
      .patch(`/accounts/${staff.body.id}`)
      .set('authorization', admin.bearer)
      .send({ roles: ['finance', 'registrar'] })
      .expect(200);
    expect(updated.body.roles).toEqual(['finance', 'registrar']);
    const rows = await auditRowsFor(t, 'account', staff.body.id);
    expect(rows.at(-1)).toMatchObject({
      action: 'account.updated',
      before: { roles: ['finance'] },
      after: { roles: ['finance', 'registrar'] },
    });
  });

  it('disabling an account ends its sessions and stops sign-in', async () => {
    const staff = await newStaff(['ethics_officer']).expect(201);
    const session = await login(t, staff.body.email, 'a-staff-password-1');
    await t
      .http()
      .patch(`/accounts/${staff.body.id}`)
      .set('authorization', admin.bearer)
      .send({ disabled: true })
      .expect(200);
    expectProblem(
      await t.http().post('/auth/refresh').send({ refreshToken: session.refreshToken }),
      401,
      'invalid-refresh-token',
    );
    expectProblem(
      await t
        .http()
        .post('/auth/login')
        .send({ email: staff.body.email, password: 'a-staff-password-1' }),
      403,
      'account-disabled',
    );
  });

  it('a removed role, a disabled account or a new password stops the access tokens already issued', async () => {
    const staff = await newStaff(['registrar', 'finance']).expect(201);
    const first = await login(t, staff.body.email, 'a-staff-password-1');
    await t.http().get('/people').set('authorization', first.bearer).expect(200);
    await t
      .http()
      .patch(`/accounts/${staff.body.id}`)
      .set('authorization', admin.bearer)
      .send({ roles: ['finance'] })
      .expect(200);
    const stale = await t.http().get('/people').set('authorization', first.bearer);
    expectProblem(stale, 401, 'unauthenticated');
    expect(stale.body.detail).toMatch(/changed .* since this token was issued/);
    // A new sign-in carries the roles the account has now.
    const second = await login(t, staff.body.email, 'a-staff-password-1');
    expectProblem(
      await t.http().post('/credentials/issue').set('authorization', second.bearer).send({}),
      403,
      'forbidden',
    );
    await t.http().get('/invoices').set('authorization', second.bearer).expect(200);

    // A change that touches neither roles nor access leaves tokens alone.
    await t
      .http()
      .patch(`/accounts/${staff.body.id}`)
      .set('authorization', admin.bearer)
      .send({ displayName: 'Bendahara' })
      .expect(200);
    await t.http().get('/invoices').set('authorization', second.bearer).expect(200);

    await t
      .http()
      .patch(`/accounts/${staff.body.id}`)
      .set('authorization', admin.bearer)
      .send({ disabled: true })
      .expect(200);
    expectProblem(
      await t.http().get('/invoices').set('authorization', second.bearer),
      403,
      'account-disabled',
    );
  });

  it('answers 404 for an unknown account and 400 for a malformed id', async () => {
    expectProblem(
      await t
        .http()
        .get('/accounts/00000000-0000-4000-8000-000000000000')
        .set('authorization', admin.bearer),
      404,
      'not-found',
    );
    const malformed = await t.http().get('/accounts/42').set('authorization', admin.bearer);
    expectFieldErrors(malformed, [{ field: 'id', message: 'id must be a UUID' }]);
  });

  it('never removes the last active admin, even when two admins demote each other at once', async () => {
    const second = await newStaff(['admin']).expect(201);
    const secondAdmin = await login(t, second.body.email, 'a-staff-password-1');

    // Both pass their sign-in check as admins, then meet at the lock on admin changes: on a busy
    // machine one could otherwise finish before the other began, and answer it 403.
    const [a, b] = await sendTogetherBehind(
      t,
      (holder) => t.app.get(AccountsRepository).lockAdminChanges(holder.manager),
      [
        () =>
          t
            .http()
            .patch(`/accounts/${second.body.id}`)
            .set('authorization', admin.bearer)
            .send({ roles: ['registrar'] }),
        () =>
          t
            .http()
            .patch(`/accounts/${admin.accountId}`)
            .set('authorization', secondAdmin.bearer)
            .send({ roles: ['registrar'] }),
      ],
    );
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expectProblem(
      [a, b].find((r) => r.status === 409)!,
      409,
      'last-admin',
    );
    const [{ admins }] = await t.db.query(
      `SELECT count(*)::int AS admins FROM accounts WHERE 'admin' = ANY(roles) AND disabled_at IS NULL`,
    );
    expect(admins).toBe(1);
  });
});

import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { auditRowsFor, expectProblem } from 'test/support/factories';

describe('API keys for verifying organisations', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
  });
  afterAll(() => t.close());

  const issue = () =>
    t
      .http()
      .post('/api-keys')
      .set('authorization', admin.bearer)
      .send({ name: 'Onboarding checks', organisation: 'RS Harapan Kita' })
      .expect(201);

  it('only admins issue keys', async () => {
    expectProblem(
      await t.http().post('/api-keys').send({ name: 'x', organisation: 'y' }),
      401,
      'unauthenticated',
    );
    const registrar = await loginAs(t, 'registrar');
    expectProblem(
      await t
        .http()
        .post('/api-keys')
        .set('authorization', registrar.bearer)
        .send({ name: 'x', organisation: 'y' }),
      403,
      'forbidden',
    );
  });

  it('shows the key once and stores only its hash', async () => {
    const created = await issue();
    expect(created.body.key).toMatch(/^gh_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);

    const listed = await t.http().get('/api-keys').set('authorization', admin.bearer).expect(200);
    const row = listed.body.find((k: { id: string }) => k.id === created.body.id);
    expect(row).toMatchObject({
      name: 'Onboarding checks',
      organisation: 'RS Harapan Kita',
      revokedAt: null,
    });
    expect(row).not.toHaveProperty('key');

    const [stored] = await t.db.query(`SELECT key_hash FROM api_keys WHERE id = $1`, [
      created.body.id,
    ]);
    expect(stored.key_hash).not.toContain(created.body.key);
    expect(JSON.stringify(await auditRowsFor(t, 'api_key', created.body.id))).not.toContain(
      created.body.key,
    );
  });

  it('authenticates an organisation by X-API-Key and records when it was last used', async () => {
    const created = await issue();
    const current = await t
      .http()
      .get('/api-keys/current')
      .set('x-api-key', created.body.key)
      .expect(200);
    expect(current.body).toMatchObject({ id: created.body.id, organisation: 'RS Harapan Kita' });
    expect(Date.parse(current.body.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses a wrong key (401) and a key on a staff-only route (403)', async () => {
    const created = await issue();
    const tampered = `${created.body.key.slice(0, -4)}AAAA`;
    expectProblem(
      await t.http().get('/api-keys/current').set('x-api-key', tampered),
      401,
      'unauthenticated',
    );
    expectProblem(
      await t.http().get('/api-keys/current').set('x-api-key', 'nonsense'),
      401,
      'unauthenticated',
    );
    expectProblem(
      await t.http().get('/people').set('x-api-key', created.body.key),
      403,
      'forbidden',
    );
  });

  it('a signed-in account cannot use the key-only route', async () => {
    expectProblem(
      await t.http().get('/api-keys/current').set('authorization', admin.bearer),
      403,
      'forbidden',
    );
  });

  it('a revoked key stops working at once', async () => {
    const created = await issue();
    await t.http().get('/api-keys/current').set('x-api-key', created.body.key).expect(200);
    await t
      .http()
      .delete(`/api-keys/${created.body.id}`)
      .set('authorization', admin.bearer)
      .expect(204);
    expectProblem(
      await t.http().get('/api-keys/current').set('x-api-key', created.body.key),
      401,
      'unauthenticated',
    );
    const rows = await auditRowsFor(t, 'api_key', created.body.id);
    expect(rows.map((r) => r.action)).toEqual(['api_key.created', 'api_key.revoked']);
  });
});

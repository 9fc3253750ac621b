import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { auditRowsFor, expectProblem, newPerson } from 'test/support/factories';

describe('audit trail', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
  });
  afterAll(() => t.close());

  it('records who changed what, with the request id and address, in the same transaction', async () => {
    const registrar = await loginAs(t, 'registrar');
    const created = await t
      .http()
      .post('/people')
      .set('authorization', registrar.bearer)
      .set('x-request-id', 'req-audit-1')
      .send({ fullName: 'Siti Rahayu', email: 'siti@example.org' })
      .expect(201);
    const [row] = await t.db.query(
      `SELECT * FROM audit_events WHERE entity_type = 'person' AND entity_id = $1`,
      [created.body.id],
    );
    expect(row).toMatchObject({
      actor_kind: 'account',
      actor_id: registrar.accountId,
      actor_roles: ['registrar'],
      action: 'person.created',
      before: null,
      after: expect.objectContaining({ fullName: 'Siti Rahayu', email: 'siti@example.org' }),
      request_id: 'req-audit-1',
    });
    expect(row.ip).toMatch(/127\.0\.0\.1/);
  });

  it('keeps only the changed fields in before/after', async () => {
    const registrar = await loginAs(t, 'registrar');
    const person = await newPerson(t, registrar, { fullName: 'Budi', email: 'budi@example.org' });
    await t
      .http()
      .patch(`/people/${person.id}`)
      .set('authorization', registrar.bearer)
      .send({ email: 'budi@idi.or.id' })
      .expect(200);
    const rows = await auditRowsFor(t, 'person', person.id);
    expect(rows.at(-1)).toMatchObject({
      before: { email: 'budi@example.org' },
      after: { email: 'budi@idi.or.id' },
    });
    // An update that changes nothing writes nothing.
    await t
      .http()
      .patch(`/people/${person.id}`)
      .set('authorization', registrar.bearer)
      .send({ email: 'budi@idi.or.id' })
      .expect(200);
    expect(await auditRowsFor(t, 'person', person.id)).toHaveLength(rows.length);
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database, for everyone', async () => {
    await newPerson(t, admin);
    await expect(t.db.query(`UPDATE audit_events SET action = 'tampered'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    const [{ tampered }] = await t.db.query(
      `SELECT count(*)::int AS tampered FROM audit_events WHERE action = 'tampered'`,
    );
    expect(tampered).toBe(0);
  });

  describe('GET /audit-events', () => {
    it('is for admins only', async () => {
      expectProblem(await t.http().get('/audit-events'), 401, 'unauthenticated');
      const registrar = await loginAs(t, 'registrar');
      expectProblem(
        await t.http().get('/audit-events').set('authorization', registrar.bearer),
        403,
        'forbidden',
      );
    });

    it('filters by entity, actor, action and time range, newest first, paginated', async () => {
      const registrar = await loginAs(t, 'registrar');
      const start = new Date(Date.now() - 1000).toISOString();
      const person = await newPerson(t, registrar);
      await t
        .http()
        .patch(`/people/${person.id}`)
        .set('authorization', registrar.bearer)
        .send({ phone: '+62 811 222 333' })
        .expect(200);

      const byEntity = await t
        .http()
        .get('/audit-events')
        .query({ entityType: 'person', entityId: person.id })
        .set('authorization', admin.bearer)
        .expect(200);
      expect(byEntity.body.items.map((e: { action: string }) => e.action)).toEqual([
        'person.updated',
        'person.created',
      ]);

      const byActor = await t
        .http()
        .get('/audit-events')
        .query({ actorId: registrar.accountId, action: 'person.updated', from: start, pageSize: 1 })
        .set('authorization', admin.bearer)
        .expect(200);
      expect(byActor.body).toMatchObject({ total: 1, page: 1, pageSize: 1 });
      expect(byActor.body.items[0].entityId).toBe(person.id);

      const before = await t
        .http()
        .get('/audit-events')
        .query({ actorId: registrar.accountId, to: start })
        .set('authorization', admin.bearer)
        .expect(200);
      expect(before.body.total).toBe(0);
    });

    it('rejects a malformed time range', async () => {
      const response = await t
        .http()
        .get('/audit-events')
        .query({ from: 'yesterday' })
        .set('authorization', admin.bearer);
      expectProblem(response, 400, 'validation-failed');
      expect(response.body.errors[0].field).toBe('from');
    });
  });
});

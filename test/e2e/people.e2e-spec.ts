import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { auditRowsFor, expectFieldErrors, expectProblem, newPerson } from 'test/support/factories';

describe('people', () => {
  let t: TestApp;
  let registrar: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    registrar = await loginAs(t, 'registrar');
  });
  afterAll(() => t.close());

  describe('POST /people', () => {
    const personCount = async () =>
      (await t.db.query(`SELECT count(*)::int AS count FROM persons`))[0].count as number;

    it('refuses the unauthenticated (401) and members (403)', async () => {
      expectProblem(await t.http().post('/people').send({ fullName: 'X' }), 401, 'unauthenticated');
      const member = await loginAs(t, 'member');
      expectProblem(
        await t.http().post('/people').set('authorization', member.bearer).send({ fullName: 'X' }),
        403,
        'forbidden',
      );
    });

    it('stores a full name as given: one name, any script, trimmed', async () => {
      for (const fullName of [
        'Soeharto',
        'Ni Luh Putu Ayu Sri Wahyuni',
        '李小龍',
        'Dr. Tjokorda Gde Agung',
      ]) {
        const person = await newPerson(t, registrar, { fullName: `  ${fullName} ` });
        expect(person.fullName).toBe(fullName);
      }
    });

    it('names every invalid field and stores nothing', async () => {
      const before = await personCount();
      const response = await t.http().post('/people').set('authorization', registrar.bearer).send({
        fullName: '   ',
        email: 'nope',
        birthDate: '1990-13-45',
        chapterId: 'jakarta',
        favouriteColour: 'blue',
      });
      expectProblem(response, 400, 'validation-failed');
      const fields = response.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['fullName', 'email', 'birthDate', 'chapterId', 'favouriteColour']),
      );
      expect(await personCount()).toBe(before);
    });

    it('refuses text with a NUL character, which the database cannot hold, by field', async () => {
      const before = await personCount();
      const response = await t.http().post('/people').set('authorization', registrar.bearer).send({
        fullName: 'Siti\u0000Rahayu',
        nationalId: '3171000000000999',
        birthDate: '1990-01-01',
      });
      expectFieldErrors(response, [
        { field: 'fullName', message: 'fullName must not contain a NUL character' },
      ]);
      const search = await t
        .http()
        .get('/people?name=Siti%00')
        .set('authorization', registrar.bearer);
      expectProblem(search, 400, 'validation-failed');
      expect(search.body.errors[0].field).toBe('name');
      expect(await personCount()).toBe(before);
    });

    it('answers a second person with the same national ID with 409 and changes nothing', async () => {
      await newPerson(t, registrar, { nationalId: '3171012345670001' });
      const response = await t
        .http()
        .post('/people')
        .set('authorization', registrar.bearer)
        .send({ fullName: 'Someone Else', nationalId: '3171012345670001' });
      expectProblem(response, 409, 'national-id-taken');
      const rows = await t.db.query(
        `SELECT full_name FROM persons WHERE national_id = '3171012345670001'`,
      );
      expect(rows).toHaveLength(1);
      const [{ count }] = await t.db.query(
        `SELECT count(*)::int AS count FROM audit_events WHERE request_id = $1`,
        [response.body.requestId],
      );
      expect(count).toBe(0);
    });

    it("refuses a chapter on the person record: a member's chapter is their membership's", async () => {
      const response = await t
        .http()
        .post('/people')
        .set('authorization', registrar.bearer)
        .send({ fullName: 'Nobody', chapterId: '00000000-0000-4000-8000-000000000000' });
      expectProblem(response, 400, 'validation-failed');
      expect(response.body.errors).toEqual([
        { field: 'chapterId', message: 'is not a known field' },
      ]);
    });
  });

  describe('GET /people (search)', () => {
    const search = async (query: Record<string, string | number>) => {
      const response = await t
        .http()
        .get('/people')
        .query(query)
        .set('authorization', registrar.bearer)
        .expect(200);
      return response.body as { total: number; items: { id: string }[] };
    };
    const idsFound = async (name: string) => (await search({ name })).items.map((p) => p.id);

    it('finds names regardless of case and accents', async () => {
      const person = await newPerson(t, registrar, { fullName: 'Désirée Çağlar Wijayakusuma' });
      for (const name of ['desiree', 'ÇAĞLAR', 'wijaya', 'Desirée cag']) {
        expect(await idsFound(name)).toContain(person.id);
      }
    });

    it('finds a corrected name by its new spelling only', async () => {
      const person = await newPerson(t, registrar, { fullName: 'Yohanes Tjiptoadi' });
      await t
        .http()
        .patch(`/people/${person.id}`)
        .set('authorization', registrar.bearer)
        .send({ fullName: 'Yohanes Ciptoadi Sémbiring' })
        .expect(200);
      expect(await idsFound('ciptoadi sembiring')).toEqual([person.id]);
      expect(await idsFound('tjiptoadi')).toEqual([]);
    });

    it('counts matches up to 10,000, and still pages through them', async () => {
      await t.db.query(
        `INSERT INTO persons (full_name) SELECT 'Mass Register ' || i FROM generate_series(1, 10050) AS i`,
      );
      const capped = await search({ name: 'mass register', page: 201 });
      expect(capped.total).toBe(10_000);
      expect(capped.items).toHaveLength(50);
      // Mass Register 100 and 1000-1009 and 10000-10050.
      expect((await search({ name: 'mass register 100' })).total).toBe(1 + 10 + 51);
    });

    it('treats LIKE wildcards in the query as plain text', async () => {
      const response = await t
        .http()
        .get('/people')
        .query({ name: '%%' })
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(response.body.total).toBe(0);
    });

    it('pages results', async () => {
      for (let i = 0; i < 3; i++)
        await newPerson(t, registrar, { fullName: `Pagination Sample ${i}` });
      const response = await t
        .http()
        .get('/people')
        .query({ name: 'pagination sample', page: 2, pageSize: 2 })
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(response.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
      expect(response.body.items).toHaveLength(1);
    });

    it('rejects a page size over the limit', async () => {
      const response = await t
        .http()
        .get('/people')
        .query({ pageSize: 1000 })
        .set('authorization', registrar.bearer);
      expectProblem(response, 400, 'validation-failed');
      expect(response.body.errors[0].field).toBe('pageSize');
    });

    it('is staff-only', async () => {
      const member = await loginAs(t, 'member');
      expectProblem(
        await t.http().get('/people').set('authorization', member.bearer),
        403,
        'forbidden',
      );
    });
  });

  describe('who sees what', () => {
    it("shows the national ID to staff and to the person, and to a member another's record is as missing as one that never was", async () => {
      const admin = await loginAsAdmin(t);
      const member = await loginAs(t, 'member', 'Made Wirawan');
      await t
        .http()
        .patch(`/people/${member.personId}`)
        .set('authorization', registrar.bearer)
        .send({ nationalId: '5171010101010001', birthDate: '1980-02-29' })
        .expect(200);
      const other = await newPerson(t, registrar, { nationalId: '5171010101019999' });

      const asStaff = await t
        .http()
        .get(`/people/${other.id}`)
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(asStaff.body.nationalId).toBe('5171010101019999');
      // Finance, CPD and ethics desks do not read person records (national IDs, birth dates).
      for (const role of ['finance', 'cpd_officer', 'ethics_officer'] as const) {
        const desk = await loginAs(t, role);
        const refused = await t.http().get(`/people/${other.id}`).set('authorization', desk.bearer);
        expectProblem(refused, 403, 'forbidden');
        expect(JSON.stringify(refused.body)).not.toContain('5171010101019999');
      }

      const own = await t.http().get('/people/me').set('authorization', member.bearer).expect(200);
      expect(own.body).toMatchObject({
        fullName: 'Made Wirawan',
        nationalId: '5171010101010001',
        birthDate: '1980-02-29',
      });

      const others = await t.http().get(`/people/${other.id}`).set('authorization', member.bearer);
      expectProblem(others, 404, 'not-found');
      expect(JSON.stringify(others.body)).not.toContain('5171010101019999');
      // Another person's record answers exactly as a record that does not exist.
      const missingId = '00000000-0000-4000-8000-000000000000';
      const missing = await t
        .http()
        .get(`/people/${missingId}`)
        .set('authorization', member.bearer);
      expect(others.body.detail.replace(other.id, missingId)).toBe(missing.body.detail);
      expect(others.body.type).toBe(missing.body.type);
      expect(admin.accountId).toBeDefined();
    });

    it('lets a person change their contact details, audited, but not their national ID', async () => {
      const member = await loginAs(t, 'member');
      const changed = await t
        .http()
        .patch('/people/me')
        .set('authorization', member.bearer)
        .send({ phone: '+62 812 3456 7890' })
        .expect(200);
      expect(changed.body.phone).toBe('+62 812 3456 7890');
      const rows = await auditRowsFor(t, 'person', member.personId!);
      expect(rows.at(-1)).toMatchObject({
        action: 'person.updated',
        actor_id: member.accountId,
        before: { phone: null },
        after: { phone: '+62 812 3456 7890' },
      });

      const sneaky = await t
        .http()
        .patch('/people/me')
        .set('authorization', member.bearer)
        .send({ nationalId: '1' });
      expectFieldErrors(sneaky, [{ field: 'nationalId', message: 'is not a known field' }]);
    });

    it('a member cannot change another person', async () => {
      const member = await loginAs(t, 'member');
      const other = await newPerson(t, registrar);
      expectProblem(
        await t
          .http()
          .patch(`/people/${other.id}`)
          .set('authorization', member.bearer)
          .send({ phone: '+62 811 000 000' }),
        403,
        'forbidden',
      );
    });

    it('staff correct a record; null clears an optional field, a name cannot be cleared', async () => {
      const person = await newPerson(t, registrar, { phone: '+62 811 111 111' });
      const cleared = await t
        .http()
        .patch(`/people/${person.id}`)
        .set('authorization', registrar.bearer)
        .send({ phone: null })
        .expect(200);
      expect(cleared.body.phone).toBeNull();
      const noName = await t
        .http()
        .patch(`/people/${person.id}`)
        .set('authorization', registrar.bearer)
        .send({ fullName: null });
      expectProblem(noName, 400, 'validation-failed');
      expect(noName.body.errors[0].field).toBe('fullName');
    });

    it('answers 404 for an unknown person', async () => {
      expectProblem(
        await t
          .http()
          .get('/people/00000000-0000-4000-8000-000000000000')
          .set('authorization', registrar.bearer),
        404,
        'not-found',
      );
    });
  });
});

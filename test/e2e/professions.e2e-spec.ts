import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { auditRowsFor, expectFieldErrors, expectProblem, newPerson } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

describe('professions', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
  });
  afterAll(() => t.close());

  const post = poster(
    () => t,
    () => admin,
  );
  const patch = (path: string, body: object, as = admin) =>
    t.http().patch(path).set('authorization', as.bearer).send(body);
  const advocates = async () =>
    (
      await post('/professions', {
        code: `ADVOKAT_${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
        name: `Advokat ${Math.random().toString(36).slice(2, 8)}`,
        specialities: [{ code: 'PIDANA', name: 'Hukum Pidana' }],
      }).expect(201)
    ).body as { id: string; code: string; name: string };

  it('holds the profession the seeded types named, and points them to it', async () => {
    const listed = await t.http().get('/professions').set('authorization', registrar.bearer);
    const doctors = (listed.body as { code: string; id: string }[]).find(
      (p) => p.code === 'DOKTER',
    );
    expect(doctors).toMatchObject({ name: 'Dokter', active: true, specialities: [] });
    const types = await t.http().get('/credential-types').set('authorization', registrar.bearer);
    for (const type of types.body as { code: string; professionId: string; profession: string }[]) {
      expect(type).toMatchObject({ professionId: doctors!.id, profession: 'Dokter' });
    }
    const categories = await t.http().get('/membership-categories').expect(200);
    for (const category of categories.body as { professionId: string }[]) {
      expect(category.professionId).toBe(doctors!.id);
    }
  });

  it('lets configuration staff add a profession with its specialities, once by name whatever the spacing and case', async () => {
    expectProblem(
      await post('/professions', { code: 'X', name: 'X' }, registrar),
      403,
      'forbidden',
    );
    const created = await post('/professions', {
      code: 'NOTARIS',
      name: 'Notaris',
      specialities: [{ code: 'PPAT', name: 'Pejabat Pembuat Akta Tanah' }],
    }).expect(201);
    expect(created.body).toMatchObject({
      code: 'NOTARIS',
      name: 'Notaris',
      active: true,
      specialities: [{ code: 'PPAT', name: 'Pejabat Pembuat Akta Tanah', active: true }],
    });
    expect(await auditRowsFor(t, 'profession', created.body.id)).toEqual([
      expect.objectContaining({
        action: 'profession.created',
        after: { code: 'NOTARIS', name: 'Notaris', specialities: ['PPAT'] },
      }),
    ]);
    expectProblem(
      await post('/professions', { code: 'NOTARIS2', name: ' notaris ' }),
      409,
      'duplicate',
    );
    expectProblem(
      await post('/professions', { code: 'NOTARIS', name: 'Notaris Baru' }),
      409,
      'duplicate',
    );
    expectProblem(
      await post(`/professions/${created.body.id}/specialities`, { code: 'PPAT', name: 'Lain' }),
      409,
      'duplicate',
    );
    expectFieldErrors(await patch(`/professions/${created.body.id}`, { code: 'NOT' }), [
      { field: 'code', message: 'code cannot change: numbers and filters already carry it' },
    ]);
    const added = await post(`/professions/${created.body.id}/specialities`, {
      code: 'KURATOR',
      name: 'Kurator',
    }).expect(201);
    expect(added.body.specialities.map((s: { code: string }) => s.code)).toEqual([
      'KURATOR',
      'PPAT',
    ]);
    const [, ppat] = added.body.specialities as { id: string }[];
    const off = await patch(`/professions/${created.body.id}/specialities/${ppat.id}`, {
      active: false,
    }).expect(200);
    expect(off.body.specialities[1]).toMatchObject({ code: 'PPAT', active: false });
  });

  it('names a credential type by its profession, and a verifier filters by its code or name', async () => {
    const profession = await advocates();
    const type = await post('/credential-types', {
      code: `KTPA${Math.floor(Math.random() * 1e6)}`,
      name: 'Kartu Tanda Pengenal Advokat',
      issuerKind: 'association',
      issuingAuthority: 'DPN PERADI',
      numberFormat: 'KTPA-{YYYY}-{SEQ:5}',
      professionId: profession.id,
    }).expect(201);
    expect(type.body).toMatchObject({ professionId: profession.id, profession: profession.name });
    const person = await newPerson(t, registrar, { fullName: 'Otto Hasibuan Muda' });
    const issued = await post(
      '/credentials/issue',
      { personId: person.id, credentialTypeId: type.body.id, validFrom: '2026-01-10' },
      registrar,
    ).expect(201);
    const answer = await t.http().get(`/public/credentials/${issued.body.number}`).expect(200);
    expect(answer.body.credentialType.profession).toBe(profession.name);
    for (const filter of [profession.code, profession.name.toLowerCase()]) {
      const found = await t
        .http()
        .get('/public/credentials')
        .query({ name: 'Otto Hasibuan', profession: filter })
        .expect(200);
      expect(found.body.items.map((i: { number: string }) => i.number)).toEqual([
        issued.body.number,
      ]);
    }
    const doctors = await t
      .http()
      .get('/public/credentials')
      .query({ name: 'Otto Hasibuan', profession: 'DOKTER' })
      .expect(200);
    expect(doctors.body.items).toEqual([]);
  });

  it("numbers a credential with its profession's code and its holder's chapter, each chapter counting on its own", async () => {
    const profession = await advocates();
    const code = `KTA${Math.floor(Math.random() * 1e6)}`;
    const withoutProfession = await post('/credential-types', {
      code,
      name: 'Kartu Tanda Anggota',
      issuerKind: 'association',
      issuingAuthority: 'DPN PERADI',
      numberFormat: '{PROFESSION}/{CHAPTER}/{SEQ:3}/{YYYY}',
    });
    expectFieldErrors(withoutProfession, [
      {
        field: 'numberFormat',
        message: 'numberFormat uses {PROFESSION}, but the type has no profession (professionId)',
      },
    ]);
    const type = await post('/credential-types', {
      code,
      name: 'Kartu Tanda Anggota',
      issuerKind: 'association',
      issuingAuthority: 'DPN PERADI',
      numberFormat: '{PROFESSION}/{CHAPTER}/{SEQ:3}/{YYYY}',
      professionId: profession.id,
    }).expect(201);
    const pipeline = new Pipeline(t, admin);
    const [jakarta, medan] = [await pipeline.chapter(), await pipeline.chapter()];
    // The chapter is the membership's, or (before admission) the open application's.
    const ordinary = await pipeline.category('ORDINARY');
    const issueTo = async (chapterId?: string) => {
      const person = await newPerson(t, registrar, { fullName: 'Anggota Bernomor' });
      if (chapterId) {
        await post(
          '/membership-applications',
          { personId: person.id, categoryId: ordinary.id, chapterId },
          registrar,
        ).expect(201);
      }
      return post(
        '/credentials/issue',
        { personId: person.id, credentialTypeId: type.body.id, validFrom: '2026-06-01' },
        registrar,
      );
    };
    const numbers = [];
    for (const chapter of [jakarta, jakarta, medan]) {
      const issued = await issueTo(chapter.id);
      expect(issued.status).toBe(201);
      numbers.push(issued.body.number);
    }
    expect(numbers).toEqual([
      `${profession.code}/${jakarta.code}/001/2026`,
      `${profession.code}/${jakarta.code}/002/2026`,
      `${profession.code}/${medan.code}/001/2026`,
    ]);
    const homeless = await issueTo();
    expectProblem(homeless, 409, 'holder-without-chapter');
    expect(homeless.body.detail).toContain("their membership's, or their open application's");
  });

  it("numbers a credential with the speciality it is issued in, one of its profession's", async () => {
    const engineers = (
      await post('/professions', {
        code: 'INSINYUR',
        name: 'Insinyur',
        specialities: [
          { code: 'SIPIL', name: 'Teknik Sipil' },
          { code: 'ELEKTRO', name: 'Teknik Elektro' },
        ],
      }).expect(201)
    ).body as { id: string };
    // Real STRI numbers carry the discipline.
    const stri = await post('/credential-types', {
      code: 'STRI',
      name: 'Surat Tanda Registrasi Insinyur',
      professionId: engineers.id,
      issuerKind: 'association',
      issuingAuthority: 'Persatuan Insinyur Indonesia',
      validityMonths: 60,
      numberFormat: 'STRI-{SPECIALITY}-{YYYY}-{SEQ:4}',
    }).expect(201);
    const person = await newPerson(t, registrar, { fullName: 'Ir. Bambang Sutejo' });
    const issue = (values: object) =>
      post('/credentials/issue', {
        personId: person.id,
        credentialTypeId: stri.body.id,
        validFrom: '2026-03-02',
        ...values,
      });
    const issued = await issue({ speciality: 'SIPIL' }).expect(201);
    expect(issued.body).toMatchObject({ number: 'STRI-SIPIL-2026-0001', speciality: 'SIPIL' });
    expect((await issue({ speciality: 'ELEKTRO' }).expect(201)).body.number).toBe(
      'STRI-ELEKTRO-2026-0002',
    );
    expectFieldErrors(await issue({}), [
      { field: 'speciality', message: 'speciality is needed: STRI numbers carry it' },
    ]);
    expectFieldErrors(await issue({ speciality: 'PIDANA' }), [
      {
        field: 'speciality',
        message: "speciality must be one of STRI's profession in use: ELEKTRO, SIPIL",
      },
    ]);
  });

  it('keeps a switched-off profession where it is, and lets nothing new point to it', async () => {
    const profession = await advocates();
    const type = await post('/credential-types', {
      code: `UPA${Math.floor(Math.random() * 1e6)}`,
      name: 'Ujian Profesi Advokat',
      issuerKind: 'external',
      issuingAuthority: 'PERADI',
      professionId: profession.id,
    }).expect(201);
    const off = await patch(`/professions/${profession.id}`, { active: false }).expect(200);
    expect(off.body.active).toBe(false);
    const refused = await post('/credential-types', {
      code: `PKPA${Math.floor(Math.random() * 1e6)}`,
      name: 'Pendidikan Khusus Profesi Advokat',
      issuerKind: 'external',
      issuingAuthority: 'PERADI',
      professionId: profession.id,
    });
    expectProblem(refused, 409, 'profession-inactive');
    expect(refused.body.detail).toContain(profession.name);
    const kept = await t
      .http()
      .get(`/credential-types/${type.body.id}`)
      .set('authorization', admin.bearer)
      .expect(200);
    expect(kept.body.professionId).toBe(profession.id);
    expectProblem(
      await post('/credential-types', {
        code: 'NOWHERE',
        name: 'Nowhere',
        issuerKind: 'external',
        issuingAuthority: 'Nobody',
        professionId: '00000000-0000-4000-8000-000000000000',
      }),
      409,
      'reference-conflict',
    );
  });

  it('filters the public directory by the profession of the member’s category', async () => {
    const finance = await loginAs(t, 'finance');
    const pipeline = new Pipeline(t, admin);
    const chapter = await pipeline.chapter();
    const member = await loginAs(t, 'member', 'Widya Profesi Sari');
    await pipeline.admitted(finance, member, chapter.id);
    await t
      .http()
      .put('/memberships/me/directory-listing')
      .set('authorization', member.bearer)
      .send({ listed: true })
      .expect(200);
    const names = async (profession: string) =>
      (
        await t.http().get('/directory').query({ name: 'Widya Profesi', profession }).expect(200)
      ).body.items.map((i: { fullName: string }) => i.fullName);
    expect(await names('DOKTER')).toEqual(['Widya Profesi Sari']);
    expect(await names((await advocates()).code)).toEqual([]);
    expect(await names('NO_SUCH')).toEqual([]);
    expectProblem(await t.http().get('/directory?profession=dokter'), 400, 'validation-failed');
  });
});

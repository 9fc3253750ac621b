import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { expectFieldErrors, expectProblem, newPerson, makeCompetent } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/**
 * A deployment of two professions (doctors, advocates) whose registrars are scoped: each acts on
 * its own profession's (or chapter's) people and their records, and on no one else's.
 */
describe('staff scoped to a profession or a chapter', () => {
  let t: TestApp;
  let admin: SignedIn;
  let advocatesRegistrar: SignedIn;
  let jakartaRegistrar: SignedIn;
  let pipeline: Pipeline;
  const chapters: Record<string, string> = {};
  const categories: Record<string, string> = {};
  const people: Record<string, string> = {};
  const applications: Record<string, string> = {};

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    pipeline = new Pipeline(t, admin);
    await post('/seed-packs/peradi/load', {}).expect(200);
    chapters.JKT = (await pipeline.chapter('JKT')).id;
    chapters.SBY = (await pipeline.chapter('SBY')).id;
    chapters.JKS = (
      await post('/chapters', {
        code: 'JKS',
        name: 'Jakarta Selatan',
        parentId: chapters.JKT,
      }).expect(201)
    ).body.id;
    for (const code of ['ORDINARY', 'ADVOKAT']) {
      categories[code] = (await pipeline.category(code)).id;
    }
    const [advocates] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM professions WHERE code = 'ADVOKAT'`,
    );
    advocatesRegistrar = await loginAs(t, 'registrar', 'Registrar PERADI', {
      professionId: advocates.id,
    });
    jakartaRegistrar = await loginAs(t, 'registrar', 'Registrar Jakarta', {
      chapterId: chapters.JKT,
    });

    const apply = async (key: string, person: string, category: string, chapter: string) => {
      applications[key] = (
        await post('/membership-applications', {
          personId: people[person],
          categoryId: categories[category],
          chapterId: chapters[chapter],
        }).expect(201)
      ).body.id;
    };
    for (const name of ['doctor', 'advocate', 'both', 'newcomer', 'southJakarta']) {
      people[name] = (await newPerson(t, admin, { fullName: `Scoped ${name}` })).id;
    }
    await apply('doctor', 'doctor', 'ORDINARY', 'SBY');
    await apply('advocate', 'advocate', 'ADVOKAT', 'SBY');
    await apply('bothAsDoctor', 'both', 'ORDINARY', 'JKT');
    // One open application at a time: the doctor who turns to the bar withdraws the first.
    await post(`/membership-applications/${applications.bothAsDoctor}/withdraw`, {
      reason: 'Turns to the bar',
    }).expect(200);
    await apply('bothAsAdvocate', 'both', 'ADVOKAT', 'SBY');
    await apply('southJakarta', 'southJakarta', 'ORDINARY', 'JKS');
  });
  afterAll(() => t.close());

  it("reaches its own profession's people and records, and answers 404 for anyone else's", async () => {
    await get(`/people/${people.advocate}`, advocatesRegistrar).expect(200);
    await get(`/people/${people.both}`, advocatesRegistrar).expect(200);
    // Not yet anyone's: a scoped registrar takes them in.
    await get(`/people/${people.newcomer}`, advocatesRegistrar).expect(200);
    const doctor = await get(`/people/${people.doctor}`, advocatesRegistrar);
    expectProblem(doctor, 404, 'not-found');
    expect(doctor.body.detail).toBe(`Person ${people.doctor} does not exist`);

    await get(`/membership-applications/${applications.advocate}`, advocatesRegistrar).expect(200);
    // The same person's application to the doctors is not the advocates' registrar's.
    for (const key of ['doctor', 'bothAsDoctor']) {
      expectProblem(
        await get(`/membership-applications/${applications[key]}`, advocatesRegistrar),
        404,
        'not-found',
      );
      expectProblem(
        await post(`/membership-applications/${applications[key]}/submit`, {}, advocatesRegistrar),
        404,
        'not-found',
      );
    }
    expectProblem(
      await post(
        '/qualifications',
        {
          personId: people.doctor,
          institutionId: (
            await post('/institutions', { name: 'Universitas Airlangga', country: 'ID' }).expect(
              201,
            )
          ).body.id,
          degree: 'Dokter',
          field: 'Kedokteran',
          graduationDate: '2015-08-01',
          diplomaNumber: 'UNAIR-2015-1',
        },
        advocatesRegistrar,
      ),
      404,
      'not-found',
    );
  });

  it('reaches the records other modules keep of its people only: qualifications, invoices', async () => {
    const institution = await post('/institutions', {
      name: 'Universitas Indonesia',
      country: 'ID',
    }).expect(201);
    const submit = (person: string, degree: string) =>
      post('/qualifications', {
        personId: people[person],
        institutionId: institution.body.id,
        degree,
        field: degree === 'Dokter' ? 'Kedokteran' : 'Ilmu Hukum',
        graduationDate: '2016-08-01',
        diplomaNumber: `UI-${person}`,
      }).expect(201);
    const doctors = await submit('doctor', 'Dokter');
    const advocates = await submit('advocate', 'S.H.');
    await get(`/qualifications/${advocates.body.id}`, advocatesRegistrar).expect(200);
    expectProblem(
      await get(`/qualifications/${doctors.body.id}`, advocatesRegistrar),
      404,
      'not-found',
    );
    const listed = await get('/qualifications?pageSize=50', advocatesRegistrar).expect(200);
    expect(listed.body.items.map((q: { id: string }) => q.id)).toEqual([advocates.body.id]);

    const [advocatesProfession] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM professions WHERE code = 'ADVOKAT'`,
    );
    const finance = await loginAs(t, 'finance', 'Finance PERADI', {
      professionId: advocatesProfession.id,
    });
    const fee = async (key: string) =>
      (await get(`/membership-applications/${applications[key]}`, admin).expect(200)).body
        .feeInvoiceId as string;
    await get(`/invoices/${await fee('advocate')}`, finance).expect(200);
    expectProblem(await get(`/invoices/${await fee('doctor')}`, finance), 404, 'not-found');
  });

  it('lists only its own people and applications', async () => {
    const listed = await get('/people?name=Scoped&pageSize=50', advocatesRegistrar).expect(200);
    expect(listed.body.items.map((p: { fullName: string }) => p.fullName).sort()).toEqual([
      'Scoped advocate',
      'Scoped both',
      'Scoped newcomer',
    ]);
    const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();
    const theirs = await get('/membership-applications?pageSize=50', advocatesRegistrar).expect(
      200,
    );
    expect(ids(theirs.body)).toEqual([applications.advocate, applications.bothAsAdvocate].sort());
    // A chapter's registrar sees the chapter and those below it, whatever the profession.
    const jakarta = await get('/membership-applications?pageSize=50', jakartaRegistrar).expect(200);
    expect(ids(jakarta.body)).toEqual(
      [applications.bothAsDoctor, applications.southJakarta].sort(),
    );
    const everyone = await get('/membership-applications?pageSize=50', admin).expect(200);
    expect(everyone.body.items.length).toBeGreaterThanOrEqual(5);
  });

  it('drafts only into its own categories and chapters, and the refusal leaves nothing', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM membership_applications`);
    const refused = await post(
      '/membership-applications',
      { personId: people.newcomer, categoryId: categories.ORDINARY, chapterId: chapters.SBY },
      advocatesRegistrar,
    );
    expectProblem(refused, 403, 'application-outside-scope');
    const outsideChapter = await post(
      '/membership-applications',
      { personId: people.newcomer, categoryId: categories.ORDINARY, chapterId: chapters.SBY },
      jakartaRegistrar,
    );
    expectProblem(outsideChapter, 403, 'application-outside-scope');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM membership_applications`)).toEqual(
      before,
    );
    await post(
      '/membership-applications',
      { personId: people.newcomer, categoryId: categories.ADVOKAT, chapterId: chapters.SBY },
      advocatesRegistrar,
    ).expect(201);
    // Now the advocates' newcomer, no longer anyone's to take in.
    expectProblem(await get(`/people/${people.newcomer}`, jakartaRegistrar), 404, 'not-found');
  });

  it("keeps to the whole association's staff what covers the whole association", async () => {
    const report = await get('/memberships/reports/counts', advocatesRegistrar);
    expectProblem(report, 403, 'forbidden');
    expect(report.body.detail).toMatch(/scoped to a profession or chapter/);
  });

  it('scopes staff accounts only, to a profession or chapter that exists', async () => {
    const body = {
      email: 'scoped-admin@guildhall.test',
      password: 'a-long-enough-password',
      displayName: 'Scoped admin',
      roles: ['admin'],
      scope: { chapterId: chapters.JKT },
    };
    expectFieldErrors(await post('/accounts', body), [
      {
        field: 'scope',
        message: 'scope is for staff accounts: an admin or a member acts on the whole association',
      },
    ]);
    const unknown = await post('/accounts', {
      ...body,
      roles: ['registrar'],
      scope: { professionId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.status).toBe(409);
    const created = await post('/accounts', { ...body, roles: ['finance'] }).expect(201);
    expect(created.body.scope).toEqual({ professionId: null, chapterId: chapters.JKT });
    const widened = await t
      .http()
      .patch(`/accounts/${created.body.id}`)
      .set('authorization', admin.bearer)
      .send({ scope: null })
      .expect(200);
    expect(widened.body.scope).toBeNull();
  });

  it("issues, records, reads and renews only its own profession's credentials", async () => {
    const typeIds = Object.fromEntries(
      (
        await t.db.query<{ code: string; id: string }[]>(
          `SELECT code, id FROM credential_types WHERE code IN ('SERKOM', 'STR', 'MAGANG')`,
        )
      ).map((type) => [type.code, type.id]),
    );
    // The doctors' certificate, to an advocate the account reaches: refused, and nothing kept.
    const before = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM credentials`);
    expectProblem(
      await post(
        '/credentials/issue',
        { personId: people.advocate, credentialTypeId: typeIds.SERKOM },
        advocatesRegistrar,
      ),
      403,
      'credential-outside-scope',
    );
    expectProblem(
      await post(
        '/credentials/record',
        {
          personId: people.advocate,
          credentialTypeId: typeIds.STR,
          number: 'STR-LUAR-1',
          validFrom: '2020-01-02',
        },
        advocatesRegistrar,
      ),
      403,
      'credential-outside-scope',
    );
    expect(await t.db.query(`SELECT count(*)::int AS n FROM credentials`)).toEqual(before);
    // Its own profession's: taken.
    const internship = await post(
      '/credentials/record',
      {
        personId: people.advocate,
        credentialTypeId: typeIds.MAGANG,
        number: 'MAGANG-1',
        validFrom: '2020-01-02',
      },
      advocatesRegistrar,
    ).expect(201);

    // A doctor's certificate of someone it reaches (a doctor turned advocate) is not its to see
    // or change: 404 as a missing one, and left out of its lists.
    await makeCompetent(t, admin, people.both);
    const serkom = await post('/credentials/issue', {
      personId: people.both,
      credentialTypeId: typeIds.SERKOM,
    }).expect(201);
    await get(`/credentials/${serkom.body.id}`, admin).expect(200);
    for (const answer of [
      await get(`/credentials/${serkom.body.id}`, advocatesRegistrar),
      await get(`/credentials/${serkom.body.id}/certificate.pdf`, advocatesRegistrar),
      await post(
        `/credentials/${serkom.body.id}/suspend`,
        { reason: 'Not ours to suspend' },
        advocatesRegistrar,
      ),
      await post('/renewals', { credentialId: serkom.body.id }, advocatesRegistrar),
    ]) {
      expectProblem(answer, 404, 'not-found');
    }
    const listed = await get(
      `/credentials?personId=${people.both}&pageSize=100`,
      advocatesRegistrar,
    ).expect(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).not.toContain(serkom.body.id);
    const ownListed = await get(
      `/credentials?personId=${people.advocate}&pageSize=100`,
      advocatesRegistrar,
    ).expect(200);
    expect(ownListed.body.items.map((c: { id: string }) => c.id)).toContain(internship.body.id);
  });

  it('imports only into its own profession, chapter and people, without saying who is on the register', async () => {
    const known = await newPerson(t, admin, {
      fullName: 'Dokter Terdaftar',
      nationalId: '3171000000009001',
    });
    await post('/membership-applications', {
      personId: known.id,
      categoryId: categories.ORDINARY,
      chapterId: chapters.SBY,
    }).expect(201);
    const upload = (csv: string, by: SignedIn, query = '') =>
      t
        .http()
        .post(`/memberships/imports${query}`)
        .set('authorization', by.bearer)
        .set('content-type', 'text/csv')
        .send(csv);
    const register = (...rows: string[]) =>
      [
        'full_name,national_id,email,chapter_code,category_code,member_number,member_since,covered_until,status',
        ...rows,
      ].join('\r\n') + '\r\n';
    const outside = "is outside this account's scope: its profession, chapter and people";

    // A person on the register but not its own, and a category of another profession, are
    // refused alike: the answer does not say whether the person exists.
    const report = await upload(
      register(
        'Advokat Baru,3171000000009002,,SBY,ADVOKAT,,2019-03-01,2099-12-31,active',
        'Dokter Terdaftar,3171000000009001,,SBY,ADVOKAT,,2019-03-01,2099-12-31,active',
        'Dokter Lain,3171000000009003,,SBY,ORDINARY,,2019-03-01,2099-12-31,active',
      ),
      advocatesRegistrar,
      '?dryRun=true',
    ).expect(200);
    expect(report.body.errors).toEqual([
      { row: 3, column: null, message: outside },
      { row: 4, column: null, message: outside },
    ]);
    expect(report.body.created.people + report.body.unchanged.people).toBe(1);

    // A chapter's registrar imports into its chapter (and below) only; a real run writes nothing.
    const before = await t.db.query(`SELECT count(*)::int AS n FROM persons`);
    const refused = await upload(
      register(
        'Anggota Jakarta,3171000000009004,,JKS,ORDINARY,,2019-03-01,2099-12-31,active',
        'Anggota Surabaya,3171000000009005,,SBY,ORDINARY,,2019-03-01,2099-12-31,active',
      ),
      jakartaRegistrar,
    ).expect(422);
    expect(refused.body.report.errors).toEqual([{ row: 3, column: null, message: outside }]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM persons`)).toEqual(before);

    // Each scoped account sees its own imports only.
    const mine = (await get('/memberships/imports', jakartaRegistrar).expect(200)).body as {
      id: string;
    }[];
    expect(mine.map((run) => run.id)).toEqual([refused.body.report.id]);
    expectProblem(
      await get(`/memberships/imports/${report.body.id}`, jakartaRegistrar),
      404,
      'not-found',
    );
    await get(`/memberships/imports/${report.body.id}`, advocatesRegistrar).expect(200);
    await get(`/memberships/imports/${refused.body.report.id}`, admin).expect(200);
  });
});

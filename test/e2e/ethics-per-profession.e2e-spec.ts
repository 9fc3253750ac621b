import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { auditRowsFor, expectFieldErrors, expectProblem } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

const ARTICLES = [{ number: 'Pasal 1', text: 'Advokat menjunjung tinggi hukum dan keadilan.' }];

describe('a code of ethics for each profession', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let advocates: { id: string; code: string };
  let doctorsCode: { id: string; professionId: string };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'ethics_officer');
    doctorsCode = (await t.http().get('/ethics/codes/current').expect(200)).body;
    advocates = (
      await t
        .http()
        .post('/professions')
        .set('authorization', admin.bearer)
        .send({ code: 'ADVOKAT', name: 'Advokat' })
        .expect(201)
    ).body;
  });
  afterAll(() => t.close());

  const publish = (body: object) =>
    t.http().post('/ethics/codes').set('authorization', officer.bearer).send(body);
  const current = (profession?: string) =>
    t
      .http()
      .get('/ethics/codes/current')
      .query(profession ? { profession } : {});
  const unpledged = async () =>
    (
      await t
        .http()
        .get('/memberships/reports/unpledged')
        .set('authorization', admin.bearer)
        .expect(200)
    ).body as { items: { fullName: string }[]; version: string | null };

  it("publishes the advocates' code at its real date without touching the doctors' code or their pledges", async () => {
    const finance = await loginAs(t, 'finance');
    const pipeline = new Pipeline(t, admin);
    const doctor = await loginAs(t, 'member', 'Dokter Sudah Berikrar');
    await pipeline.admitted(finance, doctor, (await pipeline.chapter()).id);
    expect((await unpledged()).items.map((item) => item.fullName)).not.toContain(
      'Dokter Sudah Berikrar',
    );

    expectProblem(
      await publish({
        version: 'KEAI-2002',
        title: 'Kode Etik Advokat Indonesia',
        effectiveFrom: '2002-05-23',
        articles: ARTICLES,
      }),
      400,
      'profession-required',
    );
    const published = await publish({
      professionId: advocates.id,
      version: 'KEAI-2002',
      title: 'Kode Etik Advokat Indonesia',
      effectiveFrom: '2002-05-23',
      articles: ARTICLES,
    }).expect(201);
    expect(published.body).toMatchObject({
      professionId: advocates.id,
      inForce: true,
      withdrawnAt: null,
    });

    expect((await current('DOKTER').expect(200)).body).toMatchObject({
      id: doctorsCode.id,
      version: 'KODEKI-2012',
      inForce: true,
    });
    expect((await current('ADVOKAT').expect(200)).body.version).toBe('KEAI-2002');
    expectProblem(await current(), 400, 'profession-required');
    expectProblem(await current('NOTARIS'), 404, 'not-found');
    const list = await t.http().get('/ethics/codes').query({ profession: 'ADVOKAT' }).expect(200);
    expect(list.body.map((code: { version: string }) => code.version)).toEqual(['KEAI-2002']);

    const report = await unpledged();
    expect(report.items.map((item) => item.fullName)).not.toContain('Dokter Sudah Berikrar');
    expect(report.version).toBeNull();
  });

  it('corrects a version only before it takes effect, and keeps what it said before', async () => {
    const effectiveFrom = addDays(todayIn(t), 30);
    const coming = await publish({
      professionId: advocates.id,
      version: 'KEAI-2027',
      title: 'Kode Etik Advokat (draft title)',
      effectiveFrom,
      articles: ARTICLES,
    }).expect(201);
    const corrected = await t
      .http()
      .patch(`/ethics/codes/${coming.body.id}`)
      .set('authorization', officer.bearer)
      .send({
        title: 'Kode Etik Advokat Indonesia 2027',
        articles: [...ARTICLES, { number: 'Pasal 2', text: 'Advokat menjaga rahasia klien.' }],
      })
      .expect(200);
    expect(corrected.body).toMatchObject({
      title: 'Kode Etik Advokat Indonesia 2027',
      effectiveFrom,
      inForce: false,
    });
    expect(corrected.body.articles.map((a: { number: string }) => a.number)).toEqual([
      'Pasal 1',
      'Pasal 2',
    ]);
    const [audit] = (await auditRowsFor(t, 'ethics_code_version', coming.body.id)).filter(
      (row) => row.action === 'ethics_code.corrected',
    );
    expect(audit.before).toMatchObject({
      title: 'Kode Etik Advokat (draft title)',
      articles: [{ number: 'Pasal 1', title: null, text: ARTICLES[0].text }],
    });

    expectFieldErrors(
      await t
        .http()
        .patch(`/ethics/codes/${coming.body.id}`)
        .set('authorization', officer.bearer)
        .send({ version: 'KEAI-X' }),
      [{ field: 'version', message: 'version cannot change: publish a new version instead' }],
    );
    expectProblem(
      await t
        .http()
        .patch(`/ethics/codes/${coming.body.id}`)
        .set('authorization', officer.bearer)
        .send({ effectiveFrom: todayIn(t) }),
      409,
      'code-version-settled',
    );
    const inForce = await t
      .http()
      .patch(`/ethics/codes/${doctorsCode.id}`)
      .set('authorization', officer.bearer)
      .send({ title: 'Rewritten history' });
    expectProblem(inForce, 409, 'code-version-settled');
    expect(inForce.body.detail).toContain('publish a new version');

    const later = moveCalendar(t, effectiveFrom);
    try {
      expect((await current('ADVOKAT').expect(200)).body.version).toBe('KEAI-2027');
    } finally {
      later.restore();
    }
  });

  it('withdraws a version with a reason: never in force again, kept on record, no longer pledged to', async () => {
    const effectiveFrom = addDays(todayIn(t), 60);
    const mistaken = await publish({
      professionId: advocates.id,
      version: 'KEAI-WRONG',
      title: 'Published with the wrong date',
      effectiveFrom,
      articles: ARTICLES,
    }).expect(201);
    expectProblem(
      await t
        .http()
        .post(`/ethics/codes/${mistaken.body.id}/withdraw`)
        .set('authorization', officer.bearer)
        .send({ reason: ' ' }),
      400,
      'validation-failed',
    );
    const withdrawn = await t
      .http()
      .post(`/ethics/codes/${mistaken.body.id}/withdraw`)
      .set('authorization', officer.bearer)
      .send({ reason: 'Published with the wrong effective date' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({
      withdrawnReason: 'Published with the wrong effective date',
      withdrawnAt: expect.any(String),
    });
    expectProblem(
      await t
        .http()
        .post(`/ethics/codes/${mistaken.body.id}/withdraw`)
        .set('authorization', officer.bearer)
        .send({ reason: 'again' }),
      409,
      'code-version-settled',
    );
    const member = await loginAs(t, 'member');
    expectProblem(
      await t
        .http()
        .post('/ethics/pledges')
        .set('authorization', member.bearer)
        .send({ codeVersionId: mistaken.body.id }),
      409,
      'code-version-superseded',
    );
    const after = moveCalendar(t, addDays(effectiveFrom, 1));
    try {
      expect((await current('ADVOKAT').expect(200)).body.version).not.toBe('KEAI-WRONG');
    } finally {
      after.restore();
    }
    const all = await t.http().get('/ethics/codes').query({ profession: 'ADVOKAT' }).expect(200);
    expect(all.body.map((code: { version: string }) => code.version)).toContain('KEAI-WRONG');
  });

  it('names in the unpledged report the profession and the version each member owes, and filters by profession', async () => {
    // A new version of the doctors' code in force from today: its doctors owe a pledge to it.
    await publish({
      professionId: doctorsCode.professionId,
      version: 'KODEKI-2026',
      title: 'Kode Etik Kedokteran Indonesia 2026',
      effectiveFrom: todayIn(t),
      articles: [
        { number: 'Pasal 1', text: 'Setiap dokter wajib menjunjung tinggi sumpah dokter.' },
      ],
    }).expect(201);
    const report = await t
      .http()
      .get('/memberships/reports/unpledged')
      .query({ profession: 'DOKTER' })
      .set('authorization', admin.bearer)
      .expect(200);
    expect(report.body.version).toBe('KODEKI-2026');
    expect(report.body.items).toContainEqual(
      expect.objectContaining({
        fullName: 'Dokter Sudah Berikrar',
        profession: 'DOKTER',
        codeVersion: 'KODEKI-2026',
      }),
    );
    const advocates = await t
      .http()
      .get('/memberships/reports/unpledged')
      .query({ profession: 'ADVOKAT' })
      .set('authorization', admin.bearer)
      .expect(200);
    expect(advocates.body).toMatchObject({ version: 'KEAI-2002', items: [], total: 0 });
  });
});

import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { auditRowsFor, expectFieldErrors, expectProblem, newPerson } from 'test/support/factories';

describe('ethics: versions of the code and pledges', () => {
  let t: TestApp;
  let officer: SignedIn;
  let member: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await loginAs(t, 'ethics_officer');
    member = await loginAs(t, 'member');
  });
  afterAll(() => t.close());

  const current = () => t.http().get('/ethics/codes/current').expect(200);

  it('ships the Indonesian code in force, readable without signing in', async () => {
    const response = await current();
    expect(response.body).toMatchObject({
      version: 'KODEKI-2012',
      inForce: true,
      effectiveFrom: '2012-01-01',
    });
    expect(response.body.articles[0]).toEqual({
      number: 'Pasal 1',
      title: 'Sumpah dokter',
      text: expect.stringContaining('sumpah'),
    });
  });

  it('lets a member pledge to the code in force, recording when and from where', async () => {
    const code = await current();
    const response = await t
      .http()
      .post('/ethics/pledges')
      .set('authorization', member.bearer)
      .set('user-agent', 'Guildhall test browser')
      .send({ codeVersionId: code.body.id })
      .expect(201);
    expect(response.body).toMatchObject({
      personId: member.personId,
      version: 'KODEKI-2012',
      ip: expect.any(String),
      userAgent: 'Guildhall test browser',
      recordedByAccountId: null,
    });
    const again = await t
      .http()
      .post('/ethics/pledges')
      .set('authorization', member.bearer)
      .send({ codeVersionId: code.body.id });
    expectProblem(again, 409, 'duplicate');
    const audit = await auditRowsFor(t, 'ethics_pledge', response.body.id);
    expect(audit.map((row) => row.action)).toEqual(['ethics_pledge.made']);
  });

  it('lets staff record a signed pledge for a person, but not a member for someone else', async () => {
    const registrar = await loginAs(t, 'registrar');
    const person = await newPerson(t, registrar);
    const code = await current();
    const someoneElse = await t
      .http()
      .post('/ethics/pledges')
      .set('authorization', member.bearer)
      .send({ codeVersionId: code.body.id, personId: person.id });
    expectProblem(someoneElse, 404, 'not-found');
    const recorded = await t
      .http()
      .post('/ethics/pledges')
      .set('authorization', registrar.bearer)
      .send({ codeVersionId: code.body.id, personId: person.id })
      .expect(201);
    expect(recorded.body).toMatchObject({
      personId: person.id,
      recordedByAccountId: registrar.accountId,
    });
  });

  it('shows members only their own pledges', async () => {
    const mine = await t
      .http()
      .get('/ethics/pledges?personId=00000000-0000-4000-8000-000000000000')
      .set('authorization', member.bearer)
      .expect(200);
    expect(mine.body.items.map((p: { personId: string }) => p.personId)).toEqual([member.personId]);
  });

  it('refuses a code from a member, a version dated before the latest, and repeated article numbers', async () => {
    const body = {
      version: 'KODEKI-X',
      title: 'Kode Etik',
      effectiveFrom: '2011-06-01',
      articles: [{ number: 'Pasal 1', text: 'Teks.' }],
    };
    expectProblem(
      await t.http().post('/ethics/codes').set('authorization', member.bearer).send(body),
      403,
      'forbidden',
    );
    expectProblem(
      await t.http().post('/ethics/codes').set('authorization', officer.bearer).send(body),
      409,
      'code-version-out-of-order',
    );
    const repeated = await t
      .http()
      .post('/ethics/codes')
      .set('authorization', officer.bearer)
      .send({
        ...body,
        effectiveFrom: '2030-01-01',
        articles: [
          { number: 'Pasal 1', text: 'A.' },
          { number: 'Pasal 1', text: 'B.' },
        ],
      });
    expectFieldErrors(repeated, [
      { field: 'articles[1].number', message: 'article numbers must be unique' },
    ]);
    const missingText = await t
      .http()
      .post('/ethics/codes')
      .set('authorization', officer.bearer)
      .send({ ...body, effectiveFrom: '2030-01-01', articles: [{ number: 'Pasal 1' }] });
    expectProblem(missingText, 400, 'validation-failed');
    expect(missingText.body.errors.map((e: { field: string }) => e.field)).toContain(
      'articles[0].text',
    );
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM ethics_code_versions`);
    expect(count).toBe(1);
  });

  it('asks for a fresh pledge when a new version comes into force', async () => {
    const ethics = t.app.get((await import('src/ethics/ethics.port')).EthicsPort);
    const reader = t.app.get(DataSource).manager;
    const before = await ethics.pledgeStanding(reader, member.personId!);
    expect(before).toMatchObject({ version: 'KODEKI-2012', pledged: true });

    const published = await t
      .http()
      .post('/ethics/codes')
      .set('authorization', officer.bearer)
      .send({
        version: 'KODEKI-2099',
        title: 'Kode Etik Kedokteran Indonesia (revisi)',
        effectiveFrom: '2099-01-01',
        articles: [{ number: 'Pasal 1', title: 'Sumpah', text: 'Teks yang diperbarui.' }],
      })
      .expect(201);
    expect(published.body).toMatchObject({ inForce: false });
    expect((await current()).body.version).toBe('KODEKI-2012');

    // Bring the new version into force by moving its date to today.
    await t.db.query(
      `UPDATE ethics_code_versions SET effective_from = current_date WHERE id = $1`,
      [published.body.id],
    );
    expect((await current()).body.version).toBe('KODEKI-2099');
    expect(await ethics.pledgeStanding(reader, member.personId!)).toMatchObject({
      version: 'KODEKI-2099',
      pledged: false,
    });
    const old = await t.http().get('/ethics/codes').expect(200);
    const superseded = old.body.find((v: { version: string }) => v.version === 'KODEKI-2012');
    expectProblem(
      await t
        .http()
        .post('/ethics/pledges')
        .set('authorization', member.bearer)
        .send({ codeVersionId: superseded.id }),
      409,
      'code-version-superseded',
    );
    await t
      .http()
      .post('/ethics/pledges')
      .set('authorization', member.bearer)
      .send({ codeVersionId: published.body.id })
      .expect(201);
    expect(await ethics.pledgeStanding(reader, member.personId!)).toMatchObject({ pledged: true });
  });

  it('answers an unknown version with 404', async () => {
    expectProblem(
      await t.http().get('/ethics/codes/00000000-0000-4000-8000-000000000000'),
      404,
      'not-found',
    );
  });

  it('lets an admin publish too, with an audit row', async () => {
    const admin = await loginAsAdmin(t);
    const response = await t
      .http()
      .post('/ethics/codes')
      .set('authorization', admin.bearer)
      .send({
        version: 'KODEKI-2100',
        title: 'Kode Etik',
        effectiveFrom: '2100-01-01',
        articles: [{ number: 'Pasal 1', text: 'Teks.' }],
      })
      .expect(201);
    const audit = await auditRowsFor(t, 'ethics_code_version', response.body.id);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'ethics_code.published', actor_id: admin.accountId }),
    ]);
  });
});

import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { todayIn } from 'test/support/calendar';
import { WAIVED, lodgeComplaint, notifyRespondent } from 'test/support/cases';
import {
  expectFieldErrors,
  expectProblem,
  newPerson,
  recordVerifiedCredential,
} from 'test/support/factories';
import { addDays } from 'src/common/dates';
import { Pipeline } from 'test/support/membership';

/**
 * Doctors and advocates in one deployment: each profession has its own sanctions and its own
 * procedure's deadlines, and a case follows its respondent's profession.
 */
describe('ethics cases of several professions', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  const post = poster(
    () => t,
    () => admin,
  );
  const professionIds: Record<string, string> = {};

  /** The profession and procedure a case opened under, as kept. */
  const caseOf = async (caseId: string) =>
    (
      await t.db.query<{ profession: string; procedure: string; answerDays: number }[]>(
        `SELECT p.code AS profession, pr.version AS procedure,
                (SELECT (c->>'days')::int FROM jsonb_array_elements(pr.clocks) c
                  WHERE c->>'name' = 'answer') AS "answerDays"
           FROM ethics_cases e JOIN professions p ON p.id = e.profession_id
           JOIN case_procedures pr ON pr.id = e.procedure_id
          WHERE e.id = $1`,
        [caseId],
      )
    )[0];

  /** A complaint taken to its decision, imposing these sanctions. */
  const decide = async (caseId: string, sanctions: object[]) => {
    for (const to of ['screening', 'investigation', 'hearing']) {
      if (to === 'hearing') await notifyRespondent(t, admin, caseId);
      await post(`/cases/${caseId}/moves`, { to, reason: `On to ${to}` }).expect(201);
    }
    return post(`/cases/${caseId}/moves`, { to: 'decided', reason: 'Decided', sanctions });
  };

  let doctorNumber: string;
  let advocateCredential: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'ethics_officer');
    const pipeline = new Pipeline(t, admin);
    const { membershipId } = await pipeline.memberInGoodStanding(
      await loginAs(t, 'finance'),
      (await pipeline.chapter()).id,
      'dr. Dua Profesi',
    );
    doctorNumber = (
      await t.http().get(`/memberships/${membershipId}`).set('authorization', admin.bearer)
    ).body.memberNumber as string;
    // Then the advocates beside the doctors.
    await post('/seed-packs/peradi/load', {}).expect(200);
    for (const { id, code } of await t.db.query<{ id: string; code: string }[]>(
      `SELECT id, code FROM professions`,
    )) {
      professionIds[code] = id;
    }
    // An advocate known by the oath recorded from the High Court (BAS).
    const advocate = await newPerson(t, admin, { fullName: 'Advokat Dua Profesi' });
    const [bas] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM credential_types WHERE code = 'BAS'`,
    );
    advocateCredential = (
      await recordVerifiedCredential(t, admin, {
        personId: advocate.id,
        credentialTypeId: bas.id,
        validFrom: '2020-03-02',
      })
    ).number;
  });
  afterAll(() => t.close());

  it("lists each profession's sanctions and procedures, its own", async () => {
    for (const profession of ['DOKTER', 'ADVOKAT']) {
      const types = await t
        .http()
        .get('/cases/sanction-types')
        .query({ profession })
        .set('authorization', officer.bearer)
        .expect(200);
      expect(types.body.length).toBeGreaterThan(3);
      for (const type of types.body) expect(type.profession).toBe(profession);
      const procedures = await t
        .http()
        .get('/cases/procedures')
        .query({ profession })
        .set('authorization', officer.bearer)
        .expect(200);
      expect(procedures.body).toEqual([
        expect.objectContaining({ version: 'PROSEDUR-2020', profession }),
      ]);
    }
  });

  it("opens a case under its respondent's profession's procedure, and decides only its sanctions", async () => {
    // The advocates change their deadlines from today; the doctors do not.
    await post('/cases/procedures', {
      professionId: professionIds.ADVOKAT,
      version: 'PROSEDUR-2026',
      effectiveFrom: todayIn(t),
      clocks: [{ name: 'answer', days: 30, startsAt: 'notice', stopsAt: ['answer'] }],
    }).expect(201);
    // A sanction the doctors' procedure knows and the advocates' does not.
    await post('/cases/sanction-types', {
      professionId: professionIds.DOKTER,
      code: 'PENCABUTAN_REKOMENDASI',
      name: 'Pencabutan rekomendasi izin praktik',
      effect: 'reprimand',
    }).expect(201);

    const doctorsCase = (await lodgeComplaint(t, doctorNumber)).caseId;
    const lodged = await t
      .http()
      .post('/cases/complaints')
      .send({
        complainant: { name: 'Klien' },
        respondent: { credentialNumber: advocateCredential },
        whatHappened: 'Kept the client money',
      })
      .expect(201);
    const [{ id: advocatesCase }] = await t.db.query<{ id: string }[]>(
      `SELECT c.id FROM ethics_cases c JOIN complaints p ON p.id = c.complaint_id
        WHERE p.reference = $1`,
      [lodged.body.reference],
    );
    expect(await caseOf(doctorsCase)).toEqual({
      profession: 'DOKTER',
      procedure: 'PROSEDUR-2020',
      answerDays: 21,
    });
    expect(await caseOf(advocatesCase)).toEqual({
      profession: 'ADVOKAT',
      procedure: 'PROSEDUR-2026',
      answerDays: 30,
    });

    const sanction = [{ type: 'PENCABUTAN_REKOMENDASI' }];
    expectFieldErrors(await decide(advocatesCase, sanction), [
      {
        field: 'sanctions[0].type',
        message: 'sanctions[0].type: no sanction type PENCABUTAN_REKOMENDASI is in use',
      },
    ]);
    expect((await decide(doctorsCase, sanction)).status).toBe(201);
    await post(`/cases/${doctorsCase}/moves`, { to: 'final', reason: 'Final', ...WAIVED }).expect(
      201,
    );
    // The advocate's case takes its own profession's suspension instead.
    await post(`/cases/${advocatesCase}/moves`, {
      to: 'decided',
      reason: 'Suspended',
      sanctions: [{ type: 'SKORSING', months: 3 }],
    }).expect(201);
    const [imposed] = await t.db.query<{ profession: string }[]>(
      `SELECT p.code AS profession FROM case_sanctions s
         JOIN sanction_types st ON st.id = s.sanction_type_id
         JOIN professions p ON p.id = st.profession_id
        WHERE s.case_id = $1`,
      [advocatesCase],
    );
    expect(imposed).toEqual({ profession: 'ADVOKAT' });
  });

  it('corrects a degree, a sanction type, and a version of the procedure until it takes effect', async () => {
    const patch = (path: string, body: object) =>
      t.http().patch(path).set('authorization', admin.bearer).send(body);

    const degree = await patch('/degrees/DOKTER', {
      aliases: ['Dokter (dr.)', 'dr.', 'dokter umum'],
    });
    expect(degree.status).toBe(200);
    expect(degree.body).toMatchObject({
      code: 'DOKTER',
      aliases: ['Dokter (dr.)', 'dr.', 'dokter umum'],
    });
    expectFieldErrors(await patch('/degrees/DOKTER', { code: 'DR' }), [
      { field: 'code', message: 'code cannot change: categories and qualifications carry it' },
    ]);
    expect((await patch('/degrees/NO_SUCH', { name: 'x' })).status).toBe(404);

    const [suspension] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM sanction_types WHERE code = 'SKORSING' AND profession_id = $1`,
      [professionIds.DOKTER],
    );
    const corrected = await patch(`/cases/sanction-types/${suspension.id}`, {
      name: 'Pemberhentian sementara (suspension)',
      maxMonths: 24,
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ code: 'SKORSING', profession: 'DOKTER', maxMonths: 24 });
    expectFieldErrors(
      await patch(`/cases/sanction-types/${suspension.id}`, { effect: 'revocation' }),
      [
        {
          field: 'effect',
          message: 'effect cannot change: add a sanction type of its own instead',
        },
      ],
    );
    expectFieldErrors(await patch(`/cases/sanction-types/${suspension.id}`, { minMonths: 30 }), [
      {
        field: 'minMonths',
        message: 'a suspension needs minMonths and maxMonths, the shortest first',
      },
    ]);
    const [audit] = await t.db.query<{ before: { maxMonths: number } }[]>(
      `SELECT before FROM audit_events WHERE action = 'sanction_type.corrected' AND entity_id = $1`,
      [suspension.id],
    );
    expect(audit.before.maxMonths).toBe(12);

    const [inForce] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM case_procedures WHERE version = 'PROSEDUR-2026'`,
    );
    expectProblem(
      await patch(`/cases/procedures/${inForce.id}`, {
        clocks: [{ name: 'answer', days: 10, startsAt: 'notice', stopsAt: ['answer'] }],
      }),
      409,
      'procedure-in-force',
    );
    const coming = await post('/cases/procedures', {
      professionId: professionIds.DOKTER,
      version: 'PROSEDUR-2027',
      effectiveFrom: addDays(todayIn(t), 30),
      clocks: [{ name: 'answer', days: 21, startsAt: 'notice', stopsAt: ['answer'] }],
    }).expect(201);
    const moved = await patch(`/cases/procedures/${coming.body.id}`, {
      effectiveFrom: addDays(todayIn(t), 60),
      clocks: [{ name: 'answer', days: 28, startsAt: 'notice', stopsAt: ['answer'] }],
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      version: 'PROSEDUR-2027',
      profession: 'DOKTER',
      effectiveFrom: addDays(todayIn(t), 60),
      clocks: [expect.objectContaining({ days: 28 })],
    });
    expectFieldErrors(
      await patch(`/cases/procedures/${coming.body.id}`, {
        effectiveFrom: addDays(todayIn(t), -1),
      }),
      [
        {
          field: 'effectiveFrom',
          message: `effectiveFrom must be today (${todayIn(t)}) or later: a version is never back-dated`,
        },
      ],
    );
  });
});

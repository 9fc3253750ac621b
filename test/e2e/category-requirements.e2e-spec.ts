import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import {
  expectFieldErrors,
  expectProblem,
  newPerson,
  recordVerifiedCredential,
} from 'test/support/factories';
import { Pipeline } from 'test/support/membership';
import { todayIn } from 'test/support/calendar';

/**
 * An advocates' category admits only with a law degree from an accredited school, the bar exam
 * and two years of internship: each part a named check, so the one who lacks them is refused.
 */
describe('membership categories with requirements in data', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;
  let categoryId: string;
  const typeIds: Record<string, string> = {};
  const institutions: Record<string, string> = {};

  const post = poster(
    () => t,
    () => admin,
  );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
    const degree = await post('/degrees', {
      code: 'SARJANA_HUKUM',
      name: 'Sarjana Hukum',
      aliases: ['S.H.', 'Sarjana Hukum (S.H.)'],
      level: 'bachelor',
    }).expect(201);
    expect(degree.body.level).toBe('bachelor');
    for (const [code, name] of [
      ['UPA', 'Ujian Profesi Advokat'],
      ['MAGANG', 'Magang di kantor advokat'],
    ]) {
      typeIds[code] = (
        await post('/credential-types', {
          code,
          name,
          issuerKind: 'external',
          issuingAuthority: 'PERADI',
        }).expect(201)
      ).body.id;
    }
    for (const accreditationStatus of ['accredited', 'not_accredited'] as const) {
      institutions[accreditationStatus] = (
        await post('/institutions', {
          name: `Fakultas Hukum ${accreditationStatus}`,
          country: 'ID',
          accreditationStatus,
        }).expect(201)
      ).body.id;
    }
  });
  afterAll(() => t.close());

  const REQUIREMENTS = {
    all: [
      { qualification: { degrees: ['SARJANA_HUKUM'], accreditedInstitution: true } },
      { credential: 'UPA' },
      { credential: 'MAGANG', heldForMonths: 24 },
    ],
  };

  it('takes a requirement only when it names what exists', async () => {
    const body = {
      code: 'ADVOKAT_BAD',
      name: 'Advokat',
      duesMinor: 1000000,
      currency: 'IDR',
      periodMonths: 12,
      graceDays: 30,
      memberNumberFormat: 'ADV-{SEQ:5}',
    };
    expectFieldErrors(
      await post('/membership-categories', {
        ...body,
        requirements: { all: [{ qualification: { degrees: ['SARJANA_TEKNIK'] } }] },
      }),
      [
        {
          field: 'requirements',
          message: 'requirements names degrees that do not exist (GET /degrees): SARJANA_TEKNIK',
        },
      ],
    );
    expectFieldErrors(
      await post('/membership-categories', {
        ...body,
        requirements: { any: [{ qualification: { levels: ['masters'] } }, { credential: 'UPA' }] },
      }),
      [
        {
          field: 'requirements',
          message:
            'requirements names degree levels that do not exist: masters (levels: diploma, bachelor, professional, master, specialist, doctorate)',
        },
      ],
    );
    const created = await post('/membership-categories', {
      ...body,
      code: 'ADVOKAT',
      requirements: REQUIREMENTS,
    }).expect(201);
    expect(created.body.requirements).toEqual(REQUIREMENTS);
    categoryId = created.body.id;
  });

  const qualify = async (personId: string, institution: string) => {
    const qualification = await post(
      '/qualifications',
      {
        personId,
        institutionId: institutions[institution],
        degree: 'S.H.',
        field: 'Ilmu Hukum',
        graduationDate: '2018-08-29',
        diplomaNumber: `SH-${Math.random().toString(36).slice(2, 10)}`,
      },
      registrar,
    ).expect(201);
    await post(
      `/qualifications/${qualification.body.id}/review`,
      { decision: 'verified', method: 'registry_lookup', sourceReference: 'PDDikti' },
      registrar,
    ).expect(200);
  };
  const hold = (personId: string, code: string, validFrom: string) =>
    recordVerifiedCredential(t, registrar, {
      personId,
      credentialTypeId: typeIds[code],
      validFrom,
    });
  const apply = async (personId: string) => {
    const draft = await post(
      '/membership-applications',
      { personId, categoryId, chapterId },
      registrar,
    ).expect(201);
    return draft.body.id as string;
  };
  const checks = async (id: string) =>
    (
      await t
        .http()
        .get(`/membership-applications/${id}/checks`)
        .set('authorization', registrar.bearer)
        .expect(200)
    ).body.checks as { check: string; requirement?: string; met: boolean; detail: string }[];

  it('names each unmet part, refuses a degree from a school that is not accredited, and admits once all are met', async () => {
    const person = await newPerson(t, registrar, { fullName: 'Calon Advokat Kedua' });
    await qualify(person.id, 'not_accredited');
    await hold(person.id, 'UPA', '2023-02-01');
    const id = await apply(person.id);
    const before = (await checks(id)).filter((check) => check.check === 'requirement');
    expect(before.map((check) => [check.requirement, check.met])).toEqual([
      ['qualification:SARJANA_HUKUM', false],
      ['credential:UPA', true],
      ['credential:MAGANG', false],
    ]);
    expect(before[0].detail).toContain('(institution not accredited)');
    const refused = await post(`/membership-applications/${id}/submit`, {}, registrar);
    expectProblem(refused, 422, 'pipeline-checks-failed');
    expect(refused.body.checks.map((c: { requirement?: string }) => c.requirement)).toEqual(
      expect.arrayContaining(['qualification:SARJANA_HUKUM', 'credential:MAGANG']),
    );

    await qualify(person.id, 'accredited');
    await hold(person.id, 'MAGANG', '2023-03-01');
    await pipeline.pledge(person.id);
    const after = (await checks(id)).filter((check) => !check.met);
    expect(after).toEqual([]);
    await post(`/membership-applications/${id}/submit`, {}, registrar).expect(200);
    await post(`/membership-applications/${id}/start-review`, {}, registrar).expect(200);
    const approved = await post(`/membership-applications/${id}/approve`, {}, registrar).expect(
      200,
    );
    expect(approved.body.membershipId).toEqual(expect.any(String));
  });

  it("reads the internship's duration from its own period: two years that ended count, a month long ago does not", async () => {
    const person = await newPerson(t, registrar, { fullName: 'Calon Advokat Ketiga' });
    const internship = async (validFrom: string, validUntil: string) => {
      const recorded = await post(
        '/credentials/record',
        {
          personId: person.id,
          credentialTypeId: typeIds.MAGANG,
          number: `MG-${validFrom}`,
          issuingAuthority: 'Kantor Advokat Sejahtera',
          validFrom,
          validUntil,
        },
        registrar,
      ).expect(201);
      await post(
        `/credentials/${recorded.body.id}/review`,
        { decision: 'verified', method: 'registry_lookup', sourceReference: 'the letter' },
        registrar,
      ).expect(200);
    };
    const id = await apply(person.id);
    const magang = async () =>
      (await checks(id)).find((check) => check.requirement === 'credential:MAGANG')!;
    await internship('2020-01-01', '2020-01-31');
    expect(await magang()).toMatchObject({
      met: false,
      detail:
        'Needs a verified MAGANG held for at least 24 months without a break; held 2020-01-01 to 2020-01-31',
    });
    await internship('2021-01-01', '2022-12-31');
    expect(await magang()).toMatchObject({
      met: true,
      detail:
        'Holds a verified MAGANG held for at least 24 months without a break: 2021-01-01 to 2022-12-31',
    });
  });

  it("admits only of age, with a declaration checked by staff and the association's appointment, each named until met", async () => {
    const category = await post('/membership-categories', {
      code: 'ADVOKAT_UU',
      name: 'Advokat (UU 18/2003)',
      duesMinor: 1000000,
      currency: 'IDR',
      periodMonths: 12,
      graceDays: 30,
      memberNumberFormat: 'UU-{SEQ:5}',
      requirements: {
        all: [{ minimumAge: 25 }, { declared: 'NOT_CIVIL_SERVANT' }, { decided: 'PENGANGKATAN' }],
      },
    }).expect(201);
    // Twenty-five tomorrow.
    const today = todayIn(t);
    const [year, month, day] = today.split('-').map(Number);
    const birthDate = new Date(Date.UTC(year - 25, month - 1, day + 1)).toISOString().slice(0, 10);
    const member = await loginAs(t, 'member', 'Calon Advokat Muda');
    await t
      .http()
      .patch(`/people/${member.personId}`)
      .set('authorization', registrar.bearer)
      .send({ birthDate })
      .expect(200);
    const draft = await post(
      '/membership-applications',
      { personId: member.personId, categoryId: category.body.id, chapterId },
      registrar,
    ).expect(201);
    const id = draft.body.id as string;
    const unmet = async () =>
      (await checks(id)).filter((check) => check.check === 'requirement' && !check.met);
    expect((await unmet()).map((check) => [check.requirement, check.detail])).toEqual([
      [
        'age:25',
        expect.stringMatching(/^Needs to be at least 25 years old; 25 on \d{4}-\d{2}-\d{2}$/),
      ],
      [
        'declared:NOT_CIVIL_SERVANT',
        'Needs the declaration NOT_CIVIL_SERVANT, checked; none is on record',
      ],
      ['decided:PENGANGKATAN', "Needs the association's decision PENGANGKATAN; none is on record"],
    ]);

    // The member declares with evidence; only staff check it, once.
    const declared = await post(
      `/people/${member.personId}/declarations`,
      {
        code: 'NOT_CIVIL_SERVANT',
        statement: 'Saya bukan pegawai negeri sipil atau pejabat negara',
        evidence: 'Surat pernyataan bermeterai',
      },
      member,
    ).expect(201);
    expect(declared.body).toMatchObject({ outcome: null, declaredOn: expect.any(String) });
    const check = `/people/${member.personId}/declarations/${declared.body.id}/check`;
    expectProblem(
      await post(check, { outcome: 'confirmed', method: 'Myself' }, member),
      403,
      'forbidden',
    );
    const stranger = await loginAs(t, 'member', 'Orang Lain');
    expectProblem(
      await t
        .http()
        .get(`/people/${member.personId}/declarations`)
        .set('authorization', stranger.bearer),
      404,
      'not-found',
    );
    const checked = await post(
      check,
      { outcome: 'confirmed', method: 'BKN register searched by national ID: no entry' },
      registrar,
    ).expect(201);
    expect(checked.body).toMatchObject({
      outcome: 'confirmed',
      checkedByAccountId: registrar.accountId,
      checkMethod: 'BKN register searched by national ID: no entry',
    });
    expectProblem(
      await post(check, { outcome: 'refuted', method: 'Again' }, registrar),
      409,
      'declaration-checked',
    );
    const act = {
      code: 'PENGANGKATAN',
      decidedOn: today,
      reference: 'SK DPN No. 1/PENG/2026',
      text: 'Appointed an advocate',
    };
    expectProblem(await post(`/people/${member.personId}/acts`, act, member), 403, 'forbidden');
    await post(`/people/${member.personId}/acts`, act, registrar).expect(201);
    expectProblem(
      await post(`/people/${member.personId}/acts`, act, registrar),
      409,
      'act-already-recorded',
    );
    expect((await unmet()).map((check) => check.requirement)).toEqual(['age:25']);
    const audit = await t.db.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_type IN ('person_declaration', 'association_act')
          AND (after->>'personId' = $1 OR entity_id = $2) ORDER BY id`,
      [member.personId, declared.body.id],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'person.declared',
      'person.declaration_checked',
      'person.act_recorded',
    ]);
  });
});

import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import {
  expectFieldErrors,
  expectProblem,
  newPerson,
  recordVerifiedCredential,
} from 'test/support/factories';

/** A credential issued here only to a person who meets what its type needs, named one by one. */
describe('requirements before a credential is issued', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  const typeIds: Record<string, string> = {};

  const post = poster(
    () => t,
    () => admin,
  );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    for (const [code, name] of [
      ['PKPA', 'Pendidikan Khusus Profesi Advokat'],
      ['UPA', 'Ujian Profesi Advokat'],
      ['MAGANG', 'Magang di kantor advokat'],
    ]) {
      const type = await post('/credential-types', {
        code,
        name,
        issuerKind: 'external',
        issuingAuthority: 'PERADI',
      }).expect(201);
      typeIds[code] = type.body.id;
    }
  });
  afterAll(() => t.close());

  const KTPA_NEEDS = {
    all: [
      { credential: 'PKPA' },
      { credential: 'UPA' },
      { credential: 'MAGANG', heldForMonths: 24 },
    ],
  };

  const recordVerified = (personId: string, code: string, validFrom: string) =>
    recordVerifiedCredential(t, registrar, {
      personId,
      credentialTypeId: typeIds[code],
      validFrom,
    });

  it('takes only requirements that are well formed and name what exists', async () => {
    expectFieldErrors(
      await post('/credential-types', {
        code: 'KTPA_BAD',
        name: 'Kartu',
        issuerKind: 'association',
        issuingAuthority: 'DPN PERADI',
        numberFormat: 'KTPA-{SEQ:5}',
        issueRequirements: { all: [{ credential: 'UPA' }, { credential: 'NOPE' }] },
      }),
      [
        {
          field: 'issueRequirements',
          message: 'issueRequirements names credential types that do not exist: NOPE',
        },
      ],
    );
    expectFieldErrors(
      await post('/credential-types', {
        code: 'KTPA_BAD',
        name: 'Kartu',
        issuerKind: 'association',
        issuingAuthority: 'DPN PERADI',
        numberFormat: 'KTPA-{SEQ:5}',
        issueRequirements: { any: [{ credential: 'UPA', heldForMonths: -1 }] },
      }),
      [
        {
          field: 'issueRequirements.any[0].heldForMonths',
          message:
            'issueRequirements.any[0].heldForMonths must be a whole number of months from 1 to 600',
        },
      ],
    );
  });

  it('refuses to issue to a person who lacks any part, naming each, and issues once all are met', async () => {
    const ktpa = await post('/credential-types', {
      code: 'KTPA',
      name: 'Kartu Tanda Pengenal Advokat',
      issuerKind: 'association',
      issuingAuthority: 'DPN PERADI',
      numberFormat: 'KTPA-{YYYY}-{SEQ:5}',
      issueRequirements: KTPA_NEEDS,
    }).expect(201);
    expect(ktpa.body.issueRequirements).toEqual(KTPA_NEEDS);
    const person = await newPerson(t, registrar, { fullName: 'Calon Advokat' });
    const issue = () =>
      post(
        '/credentials/issue',
        { personId: person.id, credentialTypeId: ktpa.body.id },
        registrar,
      );

    const nothing = await issue();
    expectProblem(nothing, 409, 'issue-requirements-unmet');
    expect(
      nothing.body.requirements.map((r: { requirement: string; met: boolean }) => [
        r.requirement,
        r.met,
      ]),
    ).toEqual([
      ['credential:PKPA', false],
      ['credential:UPA', false],
      ['credential:MAGANG', false],
    ]);
    expect(
      await t.db.query(`SELECT 1 FROM credentials WHERE person_id = $1`, [person.id]),
    ).toHaveLength(0);

    const today = todayIn(t);
    await recordVerified(person.id, 'PKPA', '2023-01-10');
    await recordVerified(person.id, 'UPA', '2023-08-01');
    await recordVerified(person.id, 'MAGANG', addDays(today, -200));
    const short = await issue();
    expectProblem(short, 409, 'issue-requirements-unmet');
    expect(short.body.detail).toContain('MAGANG held for at least 24 months');
    expect(short.body.requirements.filter((r: { met: boolean }) => !r.met)).toHaveLength(1);

    const veteran = await newPerson(t, registrar, { fullName: 'Advokat Berpengalaman' });
    await recordVerified(veteran.id, 'PKPA', '2022-01-10');
    await recordVerified(veteran.id, 'UPA', '2022-08-01');
    await recordVerified(veteran.id, 'MAGANG', '2023-01-02');
    const issued = await post(
      '/credentials/issue',
      { personId: veteran.id, credentialTypeId: ktpa.body.id },
      registrar,
    ).expect(201);
    expect(issued.body.number).toMatch(/^KTPA-\d{4}-00001$/);
  });

  it('can ask for a pledge to the code of its profession, named like any other part', async () => {
    const [doctors] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM professions WHERE code = 'DOKTER'`,
    );
    const sworn = await post('/credential-types', {
      code: 'SERKOM_ETIK',
      name: 'Sertifikat kompetensi etik',
      professionId: doctors.id,
      issuerKind: 'association',
      issuingAuthority: 'MKEK IDI',
      numberFormat: 'ETIK-{SEQ:5}',
      issueRequirements: { all: [{ credential: 'UPA' }, { pledge: true }] },
    }).expect(201);
    const person = await newPerson(t, registrar);
    await recordVerified(person.id, 'UPA', '2024-01-10');
    const issue = () =>
      post(
        '/credentials/issue',
        { personId: person.id, credentialTypeId: sworn.body.id },
        registrar,
      );

    const unpledged = await issue();
    expectProblem(unpledged, 409, 'issue-requirements-unmet');
    expect(unpledged.body.requirements).toEqual([
      { requirement: 'credential:UPA', met: true, detail: 'Holds a valid, verified UPA' },
      {
        requirement: 'pledge',
        met: false,
        detail: 'Needs a pledge to the code in force (KODEKI-2012); none is on record',
      },
    ]);
    const code = await t.http().get('/ethics/codes/current').expect(200);
    await post(
      '/ethics/pledges',
      { codeVersionId: code.body.id, personId: person.id },
      registrar,
    ).expect(201);
    await issue().expect(201);

    // A type of no profession has no code to pledge to: such a requirement is refused at issue.
    const stray = await post('/credential-types', {
      code: 'TANPA_PROFESI',
      name: 'Tanpa profesi',
      issuerKind: 'association',
      issuingAuthority: 'X',
      numberFormat: 'TP-{SEQ:5}',
      issueRequirements: { pledge: true },
    }).expect(201);
    const none = await post(
      '/credentials/issue',
      { personId: person.id, credentialTypeId: stray.body.id },
      registrar,
    );
    expectProblem(none, 409, 'issue-requirements-unmet');
    expect(none.body.detail).toContain('no version of the code is in force');
  });

  it('can ask that fees be paid: no invoice open past its due date', async () => {
    const paidUp = await post('/credential-types', {
      code: 'SURAT_BAIK',
      name: 'Surat keterangan berkelakuan baik',
      issuerKind: 'association',
      issuingAuthority: 'PB IDI',
      numberFormat: 'SKB-{SEQ:5}',
      issueRequirements: { fees: 'paid' },
    }).expect(201);
    const person = await newPerson(t, registrar);
    const chapter = (await post('/chapters', { code: 'FEE', name: 'Cabang Fee' }).expect(201)).body;
    const categories = await t.http().get('/membership-categories').expect(200);
    const ordinary = categories.body.find((c: { code: string }) => c.code === 'ORDINARY');
    const draft = await post(
      '/membership-applications',
      { personId: person.id, categoryId: ordinary.id, chapterId: chapter.id },
      registrar,
    ).expect(201);
    const issue = () =>
      post(
        '/credentials/issue',
        { personId: person.id, credentialTypeId: paidUp.body.id },
        registrar,
      );

    // The application fee is open but not yet due: nothing is overdue.
    const later = moveCalendar(t, 31);
    try {
      const overdue = await issue();
      expectProblem(overdue, 409, 'issue-requirements-unmet');
      expect(overdue.body.requirements).toEqual([
        {
          requirement: 'fees-paid',
          met: false,
          detail:
            'Needs every invoice due by today paid; 1 overdue (10000000 in minor units of IDR)',
        },
      ]);
    } finally {
      later.restore();
    }
    const first = await issue().expect(201);
    expect(first.body.number).toBe('SKB-00001');
    expectFieldErrors(
      await post('/credential-types', {
        code: 'SURAT_X',
        name: 'X',
        issuerKind: 'association',
        issuingAuthority: 'PB IDI',
        numberFormat: 'X-{SEQ:5}',
        issueRequirements: { fees: 'waived' },
      }),
      [
        {
          field: 'issueRequirements.fees',
          message: 'issueRequirements.fees must be "paid": no invoice open past its due date',
        },
      ],
    );
    expect(draft.body.feeInvoiceId).toEqual(expect.any(String));
  });
});

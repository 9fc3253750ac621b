import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { todayIn } from 'test/support/calendar';
import { expectProblem, newPerson, recordVerifiedCredential } from 'test/support/factories';

/**
 * A profession the seed knows nothing of, configured through the admin API alone (its degree,
 * credential types, requirements, code of ethics, category and card), and one person run through
 * the whole pipeline: refused by name for each missing part, then admitted with a card that
 * carries the member number.
 */
describe('a profession configured through the admin API alone', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  const ids: Record<string, string> = {};

  const post = poster(
    () => t,
    () => admin,
  );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
  });
  afterAll(() => t.close());

  it('admits a notary who meets every requirement, with a card numbered by the member number', async () => {
    ids.profession = (
      await post('/professions', { code: 'NOTARIS', name: 'Notaris' }).expect(201)
    ).body.id;
    await post('/degrees', {
      code: 'MAGISTER_KENOTARIATAN',
      name: 'Magister Kenotariatan',
      aliases: ['M.Kn.'],
    }).expect(201);
    for (const [key, body] of [
      [
        'exam',
        {
          code: 'UKE_INI',
          name: 'Ujian Kode Etik Notaris',
          issuerKind: 'external',
          issuingAuthority: 'PP INI',
        },
      ],
      [
        'internship',
        {
          code: 'MAGANG_NOTARIS',
          name: 'Magang Notaris',
          issuerKind: 'external',
          issuingAuthority: 'PP INI',
        },
      ],
      [
        'card',
        {
          code: 'KTA_INI',
          name: 'Kartu Tanda Anggota INI',
          issuerKind: 'association',
          issuingAuthority: 'PP Ikatan Notaris Indonesia',
          membershipCard: true,
          numberFormat: 'INI/{MEMBER}',
        },
      ],
    ] as const) {
      ids[key] = (
        await post('/credential-types', { ...body, professionId: ids.profession }).expect(201)
      ).body.id;
    }
    const code = await post(
      '/ethics/codes',
      {
        professionId: ids.profession,
        version: 'KE-INI-2015',
        title: 'Kode Etik Notaris',
        effectiveFrom: '2015-05-29',
        articles: [{ number: 'Pasal 3', text: 'Notaris wajib berkepribadian baik.' }],
      },
      await loginAs(t, 'ethics_officer'),
    ).expect(201);
    const chapter = await post('/chapters', { code: 'SBY', name: 'Pengwil Jawa Timur' }).expect(
      201,
    );
    const category = await post('/membership-categories', {
      code: 'NOTARIS',
      name: 'Anggota Notaris',
      professionId: ids.profession,
      requirements: {
        all: [
          { qualification: { degrees: ['MAGISTER_KENOTARIATAN'], accreditedInstitution: true } },
          { credential: 'UKE_INI' },
          { credential: 'MAGANG_NOTARIS', heldForMonths: 24 },
          { pledge: true },
        ],
      },
      cardCredentialTypeId: ids.card,
      duesMinor: 2000000,
      currency: 'IDR',
      periodMonths: 12,
      graceDays: 30,
      memberNumberFormat: 'INI-{CHAPTER}-{SEQ:4}',
    }).expect(201);
    const institution = await post('/institutions', {
      name: 'Universitas Airlangga',
      country: 'ID',
      accreditationStatus: 'accredited',
    }).expect(201);

    const person = await newPerson(t, registrar, { fullName: 'Notaris Calon Anggota' });
    const draft = await post(
      '/membership-applications',
      { personId: person.id, categoryId: category.body.id, chapterId: chapter.body.id },
      registrar,
    ).expect(201);
    const refused = await post(`/membership-applications/${draft.body.id}/submit`, {}, registrar);
    expectProblem(refused, 422, 'pipeline-checks-failed');
    expect(
      refused.body.checks.map(
        (check: { check: string; requirement?: string }) => check.requirement ?? check.check,
      ),
    ).toEqual([
      'qualification:MAGISTER_KENOTARIATAN',
      'credential:UKE_INI',
      'credential:MAGANG_NOTARIS',
      'pledge',
    ]);
    expect(refused.body.detail).toContain(
      'Needs a pledge to the code in force (KE-INI-2015); none is on record',
    );

    const qualification = await post(
      '/qualifications',
      {
        personId: person.id,
        institutionId: institution.body.id,
        degree: 'M.Kn.',
        field: 'Kenotariatan',
        graduationDate: '2019-09-01',
        diplomaNumber: 'MKN-2019-0042',
      },
      registrar,
    ).expect(201);
    await post(
      `/qualifications/${qualification.body.id}/review`,
      { decision: 'verified', method: 'registry_lookup', sourceReference: 'PDDikti' },
      registrar,
    ).expect(200);
    await recordVerifiedCredential(t, registrar, {
      personId: person.id,
      credentialTypeId: ids.exam,
      validFrom: '2021-03-01',
    });
    await recordVerifiedCredential(t, registrar, {
      personId: person.id,
      credentialTypeId: ids.internship,
      validFrom: addDays(todayIn(t), -800),
    });
    await post(
      '/ethics/pledges',
      { codeVersionId: code.body.id, personId: person.id },
      registrar,
    ).expect(201);

    await post(`/membership-applications/${draft.body.id}/submit`, {}, registrar).expect(200);
    await post(`/membership-applications/${draft.body.id}/start-review`, {}, registrar).expect(200);
    const approved = await post(
      `/membership-applications/${draft.body.id}/approve`,
      {},
      registrar,
    ).expect(200);
    const membership = await t
      .http()
      .get(`/memberships/${approved.body.membershipId}`)
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(membership.body.memberNumber).toBe('INI-SBY-0001');
    const card = await t.http().get('/public/credentials/INI/INI-SBY-0001').expect(200);
    expect(card.body).toMatchObject({
      number: 'INI/INI-SBY-0001',
      holderName: 'Notaris Calon Anggota',
      status: 'active',
      credentialType: { code: 'KTA_INI', profession: 'Notaris' },
      issuingAuthority: 'PP Ikatan Notaris Indonesia',
    });
    const doctors = await t
      .http()
      .get('/ethics/codes/current')
      .query({ profession: 'DOKTER' })
      .expect(200);
    expect(doctors.body.version).toBe('KODEKI-2012');
  });
});

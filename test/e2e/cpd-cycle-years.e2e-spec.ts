import { addDays, lastDayOfTerm } from 'src/common/dates';
import { cycleYears } from 'src/cpd/cpd-rules';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { todayIn } from 'test/support/calendar';
import { approvedClaim } from 'test/support/cpd';
import { credentialTypeIds, recordVerifiedCredential } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/** The first of the month `months` before `day`. */
const monthsBefore = (day: string, months: number): string => {
  const [year, month] = day.split('-').map(Number);
  const index = year * 12 + (month - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
};

/**
 * A practice permit's CPD cycle under KMK 1561/2024 (a fifth of the learning share each year),
 * read on a day inside it: the years ended are judged, the year running has credits to go, and
 * the years not begun are not judged, so a holder ahead of the total renews and gets letters.
 */
describe('CPD cycle years, read on a day inside the cycle', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;
  let sip: string;
  let yearly: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  const earn = (personId: string, earnedOn: string, domain: string, credits: number) =>
    approvedClaim(t, officer, {
      personId,
      title: `${domain} on ${earnedOn}`,
      domain,
      category: 'course',
      earnedOn,
      credits,
    });
  /** A member in good standing holding a permit begun `monthsAgo` months back, and its years. */
  const holder = async (name: string, monthsAgo: number) => {
    const { doctor } = await pipeline.memberInGoodStanding(finance, chapterId, name);
    const validFrom = monthsBefore(todayIn(t), monthsAgo);
    const permit = await recordVerifiedCredential(t, registrar, {
      personId: doctor.personId!,
      credentialTypeId: sip,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom,
    });
    const years = cycleYears({ startsOn: validFrom, endsOn: lastDayOfTerm(validFrom, 60) });
    return { doctor, permit, years };
  };
  const skpSip = async (as: SignedIn, personId: string) =>
    (await get(`/cpd/transcript?personId=${personId}`, as).expect(200)).body.obligations.find(
      (obligation: { policy: string }) => obligation.policy === 'SKP_SIP',
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'cpd_officer');
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
    sip = (await credentialTypeIds(t, registrar)).SIP;
    yearly = (
      await post('/credential-types', {
        code: 'SERKOM_CPD',
        name: 'Sertifikat kompetensi tahunan',
        issuerKind: 'association',
        issuingAuthority: 'Kolegium',
        validityMonths: 12,
        renewalWindowDays: 400,
        autoRenew: true,
        numberFormat: 'SK-{YYYY}-{SEQ:5}',
      }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('judges the years ended, gives the year running credits to go, and leaves the years not begun alone: renewals and letters go ahead', async () => {
    // In the third year of the cycle, 265 of 250 earned and every year so far met.
    const { doctor, years } = await holder('dr. Lebih SKP', 30);
    const id = doctor.personId!;
    await earn(id, years[0].from, 'learning', 30);
    await earn(id, years[1].from, 'learning', 30);
    await earn(id, years[1].from, 'learning', 57.5);
    await earn(id, years[1].from, 'professional', 100);
    await earn(id, years[1].from, 'community', 12.5);
    await earn(id, years[1].from, 'flexible', 35);

    const obligation = await skpSip(doctor, id);
    expect(obligation).toMatchObject({
      required: 250,
      counted: 250,
      remaining: 0,
      surplus: 15,
      carriesOut: 0,
      met: true,
      shortfalls: [],
      toGo: [`learning in year 3: 22.5 to go by ${years[2].to}`],
    });
    expect(obligation.years.map(({ state }: { state: string }) => state)).toEqual([
      'met',
      'met',
      'running',
      'not-begun',
      'not-begun',
    ]);
    // Counted up to what each domain requires; what the flexible share took beyond it is surplus.
    expect(
      obligation.domains.map(({ domain, counted, surplus }: Record<string, unknown>) => [
        domain,
        counted,
        surplus,
      ]),
    ).toEqual([
      ['learning', 112.5, 0],
      ['professional', 87.5, 0],
      ['community', 12.5, 0],
      ['flexible', 37.5, 15],
    ]);

    const standing = (await get('/standing', doctor).expect(200)).body;
    expect(standing).toMatchObject({ goodStanding: true, renewalReady: true });
    expect(
      standing.requirements.find(
        (item: { requirement: string }) => item.requirement === 'cpd:SKP_SIP',
      ),
    ).toMatchObject({
      met: true,
      nextStep: `SKP_SIP: learning in year 3: 22.5 to go by ${years[2].to}`,
    });
    await t
      .http()
      .post('/letters')
      .set('authorization', doctor.bearer)
      .send({ purpose: 'A second practice location' })
      .expect(201);
    const certificate = await post(
      '/credentials/issue',
      { personId: id, credentialTypeId: yearly },
      registrar,
    ).expect(201);
    const renewed = await post('/renewals', { credentialId: certificate.body.id }, doctor).expect(
      201,
    );
    expect(renewed.body).toMatchObject({ status: 'approved', automatic: true });
  });

  it('holds a year that ended short against renewal, naming it, and the compliance report agrees', async () => {
    const { doctor, years, permit } = await holder('dr. Tahun Kurang', 18);
    const id = doctor.personId!;
    await earn(id, years[0].from, 'learning', 10);
    await earn(id, addDays(years[1].from, 1), 'learning', 22.5);

    const obligation = await skpSip(officer, id);
    const shortYear = `learning in year 1 (${years[0].from} to ${years[0].to}) 10/22.5 credits`;
    expect(obligation.shortfalls).toContain(shortYear);
    expect(obligation.shortfalls.filter((line: string) => line.includes('in year'))).toEqual([
      shortYear,
    ]);
    expect(obligation.years.map(({ state }: { state: string }) => state)).toEqual([
      'short',
      'running',
      'not-begun',
      'not-begun',
      'not-begun',
    ]);
    expect(obligation.toGo).toEqual([]);
    const standing = (await get('/standing', doctor).expect(200)).body;
    expect(standing).toMatchObject({ goodStanding: true, renewalReady: false });

    const report = await get('/cpd/compliance?policy=SKP_SIP&limit=1000', officer).expect(200);
    const row = report.body.items.find(
      (item: { credentialNumber: string }) => item.credentialNumber === permit.number,
    );
    expect(row.shortfalls).toEqual(obligation.shortfalls);
  });

  it('lets a competence exam passed in the cycle stand in for the credits it is short of, where the policy says so', async () => {
    // The pack's UKOM records a competence exam passed.
    const policy = (standIns: object[]) => ({
      code: 'SKP_UJI',
      name: 'Ten credits a cycle, or the competence exam',
      effectiveFrom: '2020-01-01',
      credentialTypeCode: 'SIP',
      rules: {
        cycleMonths: 60,
        totalCredits: 10,
        domains: [{ code: 'learning', name: 'Learning', sharePercent: 100 }],
        standIns,
      },
    });
    const refused = await post(
      '/cpd/policies',
      policy([{ credentialTypeCode: 'UJIAN', name: 'An exam' }]),
    ).expect(422);
    expect(refused.body).toMatchObject({
      type: expect.stringContaining('cpd-policy-invalid'),
      errors: [
        { field: 'rules.standIns.0.credentialTypeCode', message: 'UJIAN is no credential type' },
      ],
    });
    await post(
      '/cpd/policies',
      policy([{ credentialTypeCode: 'UKOM', name: 'Competence exam' }]),
    ).expect(201);

    const { doctor, permit } = await holder('dr. Uji Kompetensi', 18);
    const id = doctor.personId!;
    await earn(id, todayIn(t), 'learning', 2);
    const behind = async () =>
      (await get('/cpd/compliance?policy=SKP_UJI&limit=1000', officer).expect(200)).body.items.map(
        (item: { credentialNumber: string }) => item.credentialNumber,
      );
    const obligation = async () =>
      (await get(`/cpd/transcript?personId=${id}`, officer).expect(200)).body.obligations.find(
        (found: { policy: string }) => found.policy === 'SKP_UJI',
      );
    expect(await obligation()).toMatchObject({ met: false, standIn: null });
    expect(await behind()).toContain(permit.number);
    const remembered = await t.db.query<{ met: boolean }[]>(
      `SELECT met FROM cpd_remembered_standings WHERE policy_code = 'SKP_UJI' AND holder_number = $1`,
      [permit.number],
    );
    expect(remembered).toEqual([{ met: false }]);

    const exam = await recordVerifiedCredential(t, registrar, {
      personId: id,
      credentialTypeId: (await credentialTypeIds(t, registrar)).UKOM,
      validFrom: todayIn(t),
    });
    expect(await obligation()).toMatchObject({
      met: true,
      counted: 2,
      shortfalls: ['total 2/10 credits', 'learning 2/10 credits'],
      standIn: {
        credentialType: 'UKOM',
        name: 'Competence exam',
        number: exam.number,
        passedOn: todayIn(t),
      },
    });
    // What was remembered of them before the exam no longer holds, in the list or in the CSV.
    expect(await behind()).not.toContain(permit.number);
    const csv = await get('/cpd/compliance?policy=SKP_UJI', officer)
      .set('accept', 'text/csv')
      .expect(200);
    expect(csv.text).not.toContain(permit.number);
    const standing = (await get('/standing', doctor).expect(200)).body;
    expect(
      standing.requirements.find(
        (item: { requirement: string }) => item.requirement === 'cpd:SKP_UJI',
      ),
    ).toMatchObject({
      met: true,
      detail: expect.stringContaining(
        `Competence exam ${exam.number} passed on ${todayIn(t)} stands in for the credits`,
      ),
    });
  });
});

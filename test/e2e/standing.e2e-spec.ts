import { addDays, lastDayOfTerm } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { WAIVED, lodgeComplaint, notifyRespondent } from 'test/support/cases';
import { credentialTypeIds, expectProblem, recordVerifiedCredential } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

interface Requirement {
  requirement: string;
  subject: string | null;
  met: boolean;
  blocks: 'standing' | 'renewal';
  detail: string;
  nextStep: string | null;
  public: boolean;
}

/**
 * One standing, explained: each requirement met or not with its figures and next step, read from
 * the facts of every module, today or as of a past day from history.
 */
describe('standing, explained', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let officer: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;
  let apiKey: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const standing = (as: SignedIn, query: Record<string, string> = {}) =>
    t.http().get('/standing').query(query).set('authorization', as.bearer);
  const requirementsOf = (body: { requirements: Requirement[] }) =>
    Object.fromEntries(body.requirements.map((item) => [item.requirement, item]));

  const payEverything = async (doctor: SignedIn) => {
    for (const invoice of await pipeline.invoicesOf(finance, doctor.personId!)) {
      if (invoice.status !== 'paid') await pipeline.pay(finance, invoice.id);
    }
  };

  /** An ordinary member, admitted today, with the first period's dues paid. */
  const member = async (name: string) => {
    const { doctor, membershipId } = await pipeline.memberInGoodStanding(finance, chapterId, name);
    const membership = await t
      .http()
      .get(`/memberships/${membershipId}`)
      .set('authorization', admin.bearer)
      .expect(200);
    return { doctor, membershipId, membership: membership.body as Record<string, string> };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    officer = await loginAs(t, 'ethics_officer');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
    apiKey = (
      await post('/api-keys', {
        name: 'Credentialing office',
        organisation: 'RS Harapan Kita',
      }).expect(201)
    ).body.key;
  });
  afterAll(() => t.close());

  it('answers a member in good standing with every requirement met, and the member reads only their own', async () => {
    const { doctor, membership } = await member('dr. Baik Sekali');
    const answer = await standing(doctor).expect(200);
    expect(answer.body).toMatchObject({
      personId: doctor.personId,
      asOf: todayIn(t),
      known: true,
      goodStanding: true,
      renewalReady: true,
      unknownReason: null,
    });
    const requirements = requirementsOf(answer.body);
    expect(Object.keys(requirements)).toEqual(
      expect.arrayContaining([
        'membership',
        'dues',
        'credential:STR',
        'pledge',
        'ethics',
        'requirement:qualification:DOKTER',
      ]),
    );
    expect(answer.body.requirements.every((item: Requirement) => item.met)).toBe(true);
    expect(requirements.membership).toMatchObject({
      subject: membership.memberNumber,
      detail: expect.stringContaining(`covered until ${membership.coveredUntil}`),
      public: true,
    });

    const other = await loginAs(t, 'member', 'dr. Penasaran');
    expectProblem(await standing(other, { personId: doctor.personId! }), 404, 'not-found');
    await standing(registrar, { personId: doctor.personId! }).expect(200);
    expectProblem(await standing(finance, { personId: doctor.personId! }), 403, 'forbidden');
    expectProblem(
      await standing(doctor, { asOf: addDays(todayIn(t), 1) }),
      400,
      'validation-failed',
    );
    expectProblem(await standing(doctor, { asOf: '2025-02-30' }), 400, 'validation-failed');
  });

  it('names dues overdue, and counts them met again once paid', async () => {
    const doctor = await loginAs(t, 'member', 'dr. Belum Bayar');
    await pipeline.admitted(finance, doctor, chapterId);
    const calendar = moveCalendar(t, 45);
    try {
      const behind = await standing(doctor).expect(200);
      expect(behind.body.goodStanding).toBe(false);
      expect(requirementsOf(behind.body).dues).toMatchObject({
        met: false,
        blocks: 'standing',
        public: false,
        detail: expect.stringMatching(/^1 invoice overdue since \d{4}-\d{2}-\d{2}/),
        nextStep: 'Pay the invoices overdue',
      });
      expect(behind.body.nextSteps).toContain('Pay the invoices overdue');
      await payEverything(doctor);
      const paid = await standing(doctor).expect(200);
      expect(requirementsOf(paid.body).dues.met).toBe(true);
      expect(paid.body.goodStanding).toBe(true);
    } finally {
      calendar.restore();
    }
  });

  it('names a suspended registration, and shows it to organisations with the public reasons only', async () => {
    const { doctor } = await member('dr. Str Ditangguhkan');
    const credentials = await t
      .http()
      .get('/credentials')
      .set('authorization', doctor.bearer)
      .expect(200);
    const str = (credentials.body.items as { id: string; number: string }[]).find(({ number }) =>
      number.startsWith('STR-'),
    )!;
    const before = await t
      .http()
      .get('/standing/public')
      .query({ number: str.number })
      .set('x-api-key', apiKey)
      .expect(200);
    expect(before.body).toMatchObject({
      number: str.number,
      holder: 'dr. Str Ditangguhkan',
      credentialType: 'STR',
      known: true,
      goodStanding: true,
      otherRequirementsUnmet: 0,
    });
    expect(
      before.body.reasons.map((reason: { requirement: string }) => reason.requirement),
    ).toEqual(expect.arrayContaining(['membership', 'credential:STR']));
    expect(JSON.stringify(before.body)).not.toMatch(/dues|pledge|qualification/);

    await post(
      `/credentials/${str.id}/suspend`,
      { reason: 'Council decision 7/2026' },
      registrar,
    ).expect(200);
    const after = await standing(doctor).expect(200);
    expect(after.body.goodStanding).toBe(false);
    expect(requirementsOf(after.body)['credential:STR']).toMatchObject({
      subject: str.number,
      met: false,
      blocks: 'standing',
      detail: expect.stringContaining('suspended until lifted'),
    });
    const publicly = await t
      .http()
      .get('/standing/public')
      .query({ number: str.number })
      .set('x-api-key', apiKey)
      .expect(200);
    expect(publicly.body.goodStanding).toBe(false);
    expect(publicly.body.reasons).toContainEqual({
      requirement: 'credential:STR',
      met: false,
      detail: expect.stringContaining('suspended'),
    });
    // The holder can read who asked.
    const [logged] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM verification_log WHERE credential_id = $1 AND channel = 'standing'`,
      [str.id],
    );
    expect(logged.n).toBe(2);
    expectProblem(
      await t
        .http()
        .get('/standing/public')
        .query({ number: 'NO-SUCH-1' })
        .set('x-api-key', apiKey),
      404,
      'not-found',
    );
    expectProblem(
      await t
        .http()
        .get('/standing/public')
        .query({ number: str.number })
        .set('authorization', doctor.bearer),
      403,
      'forbidden',
    );
  });

  it('answers as of a day before and after a suspension of the membership, which ends on its date', async () => {
    const { doctor, membershipId } = await member('dr. Skors Tanggal');
    const today = todayIn(t);
    const until = addDays(today, 30);
    await post(
      `/memberships/${membershipId}/status-changes`,
      { status: 'suspended', reason: 'Suspended by the ethics council', suspendedUntil: until },
      registrar,
    ).expect(201);
    const now = await standing(doctor).expect(200);
    expect(now.body.goodStanding).toBe(false);
    expect(requirementsOf(now.body).membership).toMatchObject({
      met: false,
      detail: expect.stringContaining(`suspended from ${today} until ${until}`),
      nextStep: `The suspension ends after ${until}`,
    });
    const yesterday = await standing(doctor, { asOf: addDays(today, -1) }).expect(200);
    expect(yesterday.body).toMatchObject({ goodStanding: false });
    expect(requirementsOf(yesterday.body).membership.detail).toBe(
      `Not yet a member on ${addDays(today, -1)}`,
    );

    const calendar = moveCalendar(t, 31);
    try {
      const later = await standing(doctor).expect(200);
      expect(requirementsOf(later.body).membership).toMatchObject({ met: true });
      expect(later.body.goodStanding).toBe(true);
      const then = await standing(doctor, { asOf: addDays(today, 10) }).expect(200);
      expect(then.body.goodStanding).toBe(false);
      expect(requirementsOf(then.body).membership.met).toBe(false);
      const lastDay = await standing(doctor, { asOf: until }).expect(200);
      expect(lastDay.body.goodStanding).toBe(false);
    } finally {
      calendar.restore();
    }
  });

  it('answers as of a day before and after a lapse, in grace between', async () => {
    const { doctor, membership } = await member('dr. Lupa Perpanjang');
    const covered = membership.coveredUntil;
    const category = await pipeline.category('ORDINARY');
    const graceDays = category.graceDays as number;
    const calendar = moveCalendar(t, addDays(covered, graceDays + 10));
    try {
      const lapsed = await standing(doctor).expect(200);
      expect(requirementsOf(lapsed.body).membership).toMatchObject({
        met: false,
        detail: expect.stringContaining(`lapsed on ${addDays(covered, graceDays + 1)}`),
      });
      const active = await standing(doctor, { asOf: covered }).expect(200);
      expect(requirementsOf(active.body).membership).toMatchObject({ met: true });
      expect(requirementsOf(active.body).membership.detail).toContain('active');
      if (graceDays > 0) {
        const grace = await standing(doctor, { asOf: addDays(covered, 1) }).expect(200);
        expect(requirementsOf(grace.body).membership).toMatchObject({
          met: true,
          nextStep: `Pay the dues before ${addDays(covered, graceDays)}, when the membership lapses`,
        });
      }
      const afterGrace = await standing(doctor, { asOf: addDays(covered, graceDays + 1) }).expect(
        200,
      );
      expect(requirementsOf(afterGrace.body).membership.met).toBe(false);
    } finally {
      calendar.restore();
    }
  });

  it('counts a practice permit short of credits against a renewal, not against good standing', async () => {
    const { doctor } = await member('dr. Kurang Kredit');
    const { SIP } = await credentialTypeIds(t, registrar);
    const validFrom = addDays(todayIn(t), -400);
    const permit = await recordVerifiedCredential(t, registrar, {
      personId: doctor.personId!,
      credentialTypeId: SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom,
    });
    const answer = await standing(doctor).expect(200);
    expect(answer.body).toMatchObject({ goodStanding: true, renewalReady: false });
    const cpd = requirementsOf(answer.body)['cpd:SKP_SIP'];
    const endsOn = lastDayOfTerm(validFrom, 60);
    expect(cpd).toMatchObject({
      subject: permit.number,
      met: false,
      blocks: 'renewal',
      public: false,
      detail: expect.stringMatching(
        /^renewal blocked: total 0\/250 credits; learning 0\/112\.5 credits/,
      ),
      nextStep: `250 to go before ${endsOn}`,
    });
  });

  it('names a suspension an ethics decision made final, with the case under investigation known only to whom may know', async () => {
    const { doctor, membership } = await member('dr. Sidang Etik');
    const { caseId } = await lodgeComplaint(t, membership.memberNumber);
    await post(`/cases/${caseId}/assignments`, { accountId: officer.accountId }).expect(201);
    for (const to of ['screening', 'investigation']) {
      await post(`/cases/${caseId}/moves`, { to, reason: `On to ${to}` }, officer).expect(201);
    }
    const investigated = await standing(officer, { personId: doctor.personId! }).expect(200);
    expect(investigated.body.goodStanding).toBe(true);
    expect(requirementsOf(investigated.body).ethics.detail).toBe(
      'No suspension or revocation in effect; 1 case under investigation',
    );
    const toRegistrar = await standing(registrar, { personId: doctor.personId! }).expect(200);
    expect(requirementsOf(toRegistrar.body).ethics.detail).toBe(
      'No suspension or revocation in effect',
    );

    await notifyRespondent(t, officer, caseId);
    await post(`/cases/${caseId}/moves`, { to: 'hearing', reason: 'Heard' }, officer).expect(201);
    await post(
      `/cases/${caseId}/moves`,
      {
        to: 'decided',
        reason: 'Suspended for three months',
        sanctions: [{ type: 'SKORSING', months: 3 }],
      },
      officer,
    ).expect(201);
    await post(
      `/cases/${caseId}/moves`,
      { to: 'final', reason: 'No appeal was lodged', ...WAIVED },
      officer,
    ).expect(201);
    const today = todayIn(t);
    const sanctioned = await standing(doctor).expect(200);
    expect(sanctioned.body.goodStanding).toBe(false);
    const ethics = sanctioned.body.requirements.filter(
      (item: Requirement) => item.requirement === 'ethics',
    );
    expect(ethics).toEqual([
      expect.objectContaining({
        met: false,
        subject: 'SKORSING',
        public: true,
        detail: expect.stringContaining(`from ${today} until ${lastDayOfTerm(today, 3)}`),
      }),
    ]);
    const before = await standing(doctor, { asOf: addDays(today, -1) }).expect(200);
    expect(requirementsOf(before.body).ethics.met).toBe(true);
  });

  it('says history before a register import is not known instead of guessing', async () => {
    const chapter = await pipeline.chapter();
    const csv = [
      'full_name,national_id,email,chapter_code,category_code,member_number,member_since,covered_until,status,credential_type,credential_number,credential_valid_from',
      `Dari Register,3171000000000777,,${chapter.code},ORDINARY,${chapter.code}-2019-000777,2019-03-01,2099-12-31,active,STR,STR-IMP-777,2019-01-15`,
    ].join('\r\n');
    await t
      .http()
      .post('/memberships/imports?fileName=register.csv')
      .set('authorization', registrar.bearer)
      .set('content-type', 'text/csv')
      .send(`${csv}\r\n`)
      .expect(201);
    const [{ id: personId }] = await t.db.query<{ id: string }[]>(
      `SELECT person_id AS id FROM memberships WHERE member_number = $1`,
      [`${chapter.code}-2019-000777`],
    );
    const today = todayIn(t);
    const before = await standing(registrar, { personId, asOf: '2024-05-01' }).expect(200);
    expect(before.body).toMatchObject({
      known: false,
      goodStanding: null,
      renewalReady: null,
      historyKnownFrom: today,
      requirements: [],
      unknownReason: expect.stringContaining(`register import on ${today}`),
    });
    const since = await standing(registrar, { personId, asOf: today }).expect(200);
    expect(since.body).toMatchObject({ known: true, historyKnownFrom: today });
    expect(requirementsOf(since.body).membership.met).toBe(true);
  });

  it('names a pledge missing once a new code of ethics is in force', async () => {
    const { doctor } = await member('dr. Kode Baru');
    const today = todayIn(t);
    const current = await t.http().get('/ethics/codes/current').expect(200);
    await post('/ethics/codes', {
      professionId: current.body.professionId,
      version: 'KODEKI-2026',
      title: 'Kode Etik Kedokteran Indonesia 2026',
      effectiveFrom: today,
      articles: [{ number: '1', text: 'Every doctor upholds the oath.' }],
    }).expect(201);
    const answer = await standing(doctor).expect(200);
    expect(answer.body.goodStanding).toBe(false);
    expect(requirementsOf(answer.body).pledge).toMatchObject({
      met: false,
      detail: 'No pledge to the code of ethics in force (KODEKI-2026)',
      nextStep: 'Pledge to the code of ethics KODEKI-2026',
    });
    // Asked of yesterday, the code then in force is the one the member pledged to on admission.
    const before = await standing(doctor, { asOf: addDays(today, -1) }).expect(200);
    expect(requirementsOf(before.body).pledge.detail).not.toContain('KODEKI-2026');
  });
});

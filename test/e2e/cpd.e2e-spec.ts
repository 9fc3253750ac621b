import { addDays, lastDayOfTerm } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { WAIVED, lodgeComplaint, notifyRespondent } from 'test/support/cases';
import { asBuffer } from 'test/support/binary';
import { approvedClaim, tenCreditsCarrying } from 'test/support/cpd';
import { Pipeline } from 'test/support/membership';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { credentialTypeIds, expectProblem, recordVerifiedCredential } from 'test/support/factories';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * CPD: policies in dated versions (from the configuration pack), members' claims decided by a
 * CPD officer, and the transcript that counts each credit toward every obligation it fits.
 */
describe('continuing professional development', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let secondOfficer: SignedIn;
  let registrar: SignedIn;
  let doctor: SignedIn;
  let colleague: SignedIn;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  const creditRows = async (claimId: string) =>
    (
      await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM cpd_credits WHERE claim_id = $1`,
        [claimId],
      )
    )[0].n;
  const CLAIM = {
    title: 'Taught emergency obstetrics at RSUD Kupang',
    domain: 'learning',
    category: 'teaching',
    earnedOn: '2026-01-10',
    credits: 4,
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'cpd_officer', 'Petugas P2KB');
    secondOfficer = await loginAs(t, 'cpd_officer', 'Petugas P2KB Dua');
    registrar = await loginAs(t, 'registrar');
    doctor = await loginAs(t, 'member', 'dr. Kredit');
    colleague = await loginAs(t, 'member', 'dr. Sejawat');
  });
  afterAll(() => t.close());

  it("reads 'not in the future' on the association's calendar, not the server's clock", async () => {
    // The association's day may be ahead of the server's UTC date (Jakarta before 07:00 UTC).
    const ahead = moveCalendar(t, 1);
    try {
      const today = await post('/cpd/claims', { ...CLAIM, earnedOn: ahead.today }, doctor);
      expect(today.status).toBe(201);
      expectProblem(
        await post('/cpd/claims', { ...CLAIM, earnedOn: addDays(ahead.today, 1) }, doctor),
        400,
        'validation-failed',
      );
    } finally {
      ahead.restore();
    }
  });

  it('keeps policies in dated versions from the pack, and refuses one that contradicts itself', async () => {
    const policies = await get('/cpd/policies', doctor).expect(200);
    expect(
      policies.body.map((policy: { code: string; effectiveFrom: string }) => [
        policy.code,
        policy.effectiveFrom,
      ]),
    ).toEqual([
      ['SKP_SIP', '2013-01-01'],
      ['SKP_SIP', '2024-01-01'],
      ['SKP_SIP_REMOTE', '2024-01-01'],
    ]);
    const policy = {
      code: 'SKP_SPESIALIS',
      name: 'Specialists',
      effectiveFrom: '2026-01-01',
      rules: {
        cycleMonths: 60,
        totalCredits: 100,
        domains: [
          { code: 'learning', name: 'Learning', sharePercent: 80 },
          { code: 'professional', name: 'Service', sharePercent: 30 },
        ],
      },
    };
    const contradicts = await post('/cpd/policies', policy);
    expectProblem(contradicts, 422, 'cpd-policy-invalid');
    expect(contradicts.body.errors).toEqual([
      { field: 'rules.domains', message: 'the shares add up to 110%, over 100%' },
    ]);
    const badShape = await post('/cpd/policies', {
      ...policy,
      rules: { ...policy.rules, domains: [{ code: 'Learning!', name: 'x' }] },
    });
    expectProblem(badShape, 400, 'validation-failed');
    const fixed = {
      ...policy,
      rules: { ...policy.rules, domains: policy.rules.domains.slice(0, 1) },
    };
    await post('/cpd/policies', fixed).expect(201);
    expectProblem(await post('/cpd/policies', fixed), 409, 'cpd-policy-exists');
    expectProblem(await post('/cpd/policies', fixed, officer), 403, 'forbidden');
  });

  it('takes a claim through needs_info and back to approval, the credits granted becoming one credit', async () => {
    const claim = await post('/cpd/claims', CLAIM, doctor).expect(201);
    expect(claim.body).toMatchObject({
      personId: doctor.personId,
      status: 'submitted',
      creditsClaimed: 4,
      creditsGranted: null,
    });
    const id = claim.body.id as string;
    const decide = (body: object, as = officer) => post(`/cpd/claims/${id}/decision`, body, as);

    const noReason = await decide({ decision: 'needs_info' });
    expectProblem(noReason, 400, 'validation-failed');
    const asked = await decide({
      decision: 'needs_info',
      reason: 'Attach the letter from the hospital with the hours taught',
    }).expect(200);
    expect(asked.body).toMatchObject({
      status: 'needs_info',
      statusReason: 'Attach the letter from the hospital with the hours taught',
    });
    expectProblem(await decide({ decision: 'approved', reason: 'OK' }), 409, 'cpd-claim-not-open');

    const again = await post(`/cpd/claims/${id}/resubmission`, { credits: 3.5 }, doctor).expect(
      200,
    );
    expect(again.body).toMatchObject({
      status: 'submitted',
      creditsClaimed: 3.5,
      statusReason: null,
    });
    expectProblem(
      await post(`/cpd/claims/${id}/resubmission`, {}, doctor),
      409,
      'cpd-claim-not-open',
    );

    const approved = await decide({
      decision: 'approved',
      reason: 'Three hours of teaching count',
      creditsGranted: 3,
    }).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', creditsGranted: 3 });
    expect(await creditRows(id)).toBe(1);
    const refused = await decide({ decision: 'rejected', reason: 'Changed my mind' });
    expectProblem(refused, 409, 'cpd-claim-not-open');
    expect(refused.body.detail).toBe('The claim is approved: only a submitted claim is decided');
    const audit = await t.db.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_type = 'cpd_claim' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((entry) => entry.action)).toEqual([
      'cpd_claim.submitted',
      'cpd_claim.needs_info',
      'cpd_claim.resubmitted',
      'cpd_claim.approved',
    ]);

    const rejected = await post('/cpd/claims', { ...CLAIM, title: 'A webinar' }, doctor).expect(
      201,
    );
    await post(
      `/cpd/claims/${rejected.body.id}/decision`,
      { decision: 'rejected', reason: 'Not an accredited provider, and no certificate' },
      officer,
    ).expect(200);
    expect(await creditRows(rejected.body.id)).toBe(0);
  });

  it('refuses bad claims, and keeps each member to their own', async () => {
    const unknown = await post('/cpd/claims', { ...CLAIM, domain: 'research' }, doctor);
    expectProblem(unknown, 422, 'cpd-unknown-domain');
    expect(unknown.body.errors).toEqual([
      { field: 'domain', message: 'domain is not a domain of any CPD policy' },
    ]);
    for (const bad of [
      { ...CLAIM, credits: 0 },
      { ...CLAIM, credits: 1.234 },
      { ...CLAIM, credits: 1e300 },
      // Exponent notation, as JSON may carry it: refused by field, never a 500.
      { ...CLAIM, credits: 1e-7 },
      { ...CLAIM, credits: 7.9e-216 },
      { ...CLAIM, earnedOn: '2999-01-01' },
      { ...CLAIM, surprise: true },
    ]) {
      expectProblem(await post('/cpd/claims', bad, doctor), 400, 'validation-failed');
    }
    expectProblem(
      await post('/cpd/claims', { ...CLAIM, personId: colleague.personId }, doctor),
      404,
      'not-found',
    );
    const mine = await post('/cpd/claims', CLAIM, doctor).expect(201);
    await get(`/cpd/claims/${mine.body.id}`, colleague).expect(404);
    expectProblem(
      await post(
        `/cpd/claims/${mine.body.id}/decision`,
        { decision: 'approved', reason: 'Me' },
        doctor,
      ),
      403,
      'forbidden',
    );
    expectProblem(
      await post(
        `/cpd/claims/${mine.body.id}/decision`,
        { decision: 'approved', reason: 'Me' },
        registrar,
      ),
      403,
      'forbidden',
    );
    await get(`/cpd/transcript?personId=${doctor.personId}`, colleague).expect(404);
    const listed = await get('/cpd/claims', colleague).expect(200);
    expect(listed.body.items).toEqual([]);
    // Staff file a claim for a member.
    const filed = await post(
      '/cpd/claims',
      { ...CLAIM, personId: colleague.personId, title: 'Paper certificate brought in' },
      officer,
    ).expect(201);
    expect(filed.body.personId).toBe(colleague.personId);
  });

  it('lets only one of two officers deciding at once approve a claim, and records one credit', async () => {
    const claim = await post('/cpd/claims', { ...CLAIM, title: 'Once only' }, doctor).expect(201);
    const id = claim.body.id as string;
    const [first, second] = await Promise.all([
      post(`/cpd/claims/${id}/decision`, { decision: 'approved', reason: 'Yes' }, officer),
      post(
        `/cpd/claims/${id}/decision`,
        { decision: 'approved', reason: 'Yes too' },
        secondOfficer,
      ),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect(await creditRows(id)).toBe(1);
  });

  it('counts one credit toward every obligation it fits, each under the policy its cycle began with', async () => {
    const practitioner = await loginAs(t, 'member', 'dr. Dua Praktik');
    const { SIP } = await credentialTypeIds(t, registrar);
    // Two practice permits: one began under the legacy rule, one under KMK 1561/2024.
    await recordVerifiedCredential(t, registrar, {
      personId: practitioner.personId!,
      credentialTypeId: SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: '2023-06-01',
    });
    await recordVerifiedCredential(t, registrar, {
      personId: practitioner.personId!,
      credentialTypeId: SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: '2025-03-01',
    });
    await approvedClaim(t, officer, { ...CLAIM, personId: practitioner.personId }, 'Counts');

    const transcript = await get('/cpd/transcript', practitioner).expect(200);
    const [creditId] = transcript.body.credits.map((credit: { id: string }) => credit.id);
    expect(transcript.body.credits).toEqual([
      expect.objectContaining({ id: creditId, domain: 'learning', credits: 4, source: 'claim' }),
    ]);
    const obligations = transcript.body.obligations as {
      policyVersion: string;
      startsOn: string;
      endsOn: string;
      domains: { domain: string; required: number; counted: number; creditIds: string[] }[];
      years: { year: number; required: number; earned: number; met: boolean }[];
      met: boolean;
      shortfalls: string[];
    }[];
    expect(obligations.map((o) => [o.policyVersion, o.startsOn, o.endsOn])).toEqual([
      ['2013-01-01', '2023-06-01', '2028-05-31'],
      ['2024-01-01', '2025-03-01', '2030-02-28'],
    ]);
    // The same credit behind the learning figure of both.
    for (const obligation of obligations) {
      expect(obligation.domains[0]).toMatchObject({
        domain: 'learning',
        counted: 4,
        creditIds: [creditId],
      });
      expect(obligation.met).toBe(false);
    }
    // The legacy rule in IDI's proportions: at least 40% of 250 in learning; KMK 1561/2024: 45%.
    expect(obligations[0].domains[0].required).toBe(100);
    expect(obligations[1].domains[0].required).toBe(112.5);
    expect(obligations[1].years[0]).toMatchObject({
      year: 1,
      required: 22.5,
      earned: 4,
      met: false,
    });
    expect(obligations[1].shortfalls[0]).toBe('total 4/250 credits');
    const csv = await get('/cpd/transcript', practitioner).set('accept', 'text/csv').expect(200);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'obligation,number,startsOn,endsOn,domain,required,earned,counted,remaining,credits',
    );
    expect(lines).toHaveLength(1 + (5 + 1) + (4 + 1));
    expect(lines.filter((line) => line.includes(`,learning,`))).toEqual([
      expect.stringMatching(
        new RegExp(`^SKP_SIP,[^,]+,2023-06-01,2028-05-31,learning,100,4,4,96,${creditId}$`),
      ),
      expect.stringMatching(
        new RegExp(`^SKP_SIP,[^,]+,2025-03-01,2030-02-28,learning,112.5,4,4,108.5,${creditId}$`),
      ),
    ]);
    // Staff read anyone's.
    const asStaff = await get(`/cpd/transcript?personId=${practitioner.personId}`, officer).expect(
      200,
    );
    expect(asStaff.body.obligations).toHaveLength(2);
  });

  it('answers what-if with planned activities counted, and saves nothing', async () => {
    const planner = await loginAs(t, 'member', 'dr. Rencana');
    const { SIP } = await credentialTypeIds(t, registrar);
    await recordVerifiedCredential(t, registrar, {
      personId: planner.personId!,
      credentialTypeId: SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: '2025-01-01',
    });
    const before = await get('/cpd/transcript', planner).expect(200);
    expect(before.body.obligations[0]).toMatchObject({ counted: 0, remaining: 250 });
    const rows = async () =>
      (
        await t.db.query<{ credits: number; claims: number; audit: number }[]>(
          `SELECT (SELECT count(*)::int FROM cpd_credits) AS credits,
                  (SELECT count(*)::int FROM cpd_claims) AS claims,
                  (SELECT count(*)::int FROM audit_events) AS audit`,
        )
      )[0];
    const unchanged = await rows();

    const whatIf = await post(
      '/cpd/transcript/what-if',
      {
        activities: [
          { domain: 'learning', category: 'seminar', earnedOn: '2027-03-10', credits: 60 },
          {
            title: 'Puskesmas duty',
            domain: 'professional',
            category: 'service',
            earnedOn: '2028-05-01',
            credits: 100,
          },
        ],
      },
      planner,
    ).expect(200);
    const [obligation] = whatIf.body.obligations;
    expect(obligation).toMatchObject({ counted: 160, remaining: 90 });
    expect(
      obligation.domains.map((d: { domain: string; counted: number }) => [d.domain, d.counted]),
    ).toEqual([
      ['learning', 60],
      ['professional', 87.5],
      ['community', 0],
      ['flexible', 12.5],
    ]);
    expect(
      whatIf.body.credits.map((c: { id: string; source: string }) => [c.id, c.source]),
    ).toEqual([
      ['what-if-1', 'what_if'],
      ['what-if-2', 'what_if'],
    ]);
    expect(await rows()).toEqual(unchanged);
    expect((await get('/cpd/transcript', planner).expect(200)).body).toEqual(before.body);
    expectProblem(
      await post('/cpd/transcript/what-if', { activities: [] }, planner),
      400,
      'validation-failed',
    );
    await post(
      '/cpd/transcript/what-if',
      {
        personId: doctor.personId,
        activities: [{ domain: 'learning', category: 'x', earnedOn: '2027-01-01', credits: 1 }],
      },
      planner,
    ).expect(404);
  });

  it('counts remedial training an ethics decision imposed as an obligation of its own', async () => {
    const ethicsOfficer = await loginAs(t, 'ethics_officer', 'Dewan Kehormatan');
    const finance = await loginAs(t, 'finance');
    const trainee = await loginAs(t, 'member', 'dr. Pembinaan');
    const pipeline = new Pipeline(t, admin);
    const chapter = await pipeline.chapter();
    const membershipId = await pipeline.admitted(finance, trainee, chapter.id);
    const { memberNumber } = (await get(`/memberships/${membershipId}`, admin).expect(200)).body;
    const { caseId } = await lodgeComplaint(t, memberNumber);
    await post(`/cases/${caseId}/assignments`, { accountId: ethicsOfficer.accountId }).expect(201);
    for (const to of ['screening', 'investigation', 'hearing']) {
      if (to === 'hearing') await notifyRespondent(t, ethicsOfficer, caseId);
      await post(`/cases/${caseId}/moves`, { to, reason: `On to ${to}` }, ethicsOfficer).expect(
        201,
      );
    }
    const today = todayIn(t);
    const dueOn = addDays(today, 180);
    await post(
      `/cases/${caseId}/moves`,
      {
        to: 'decided',
        reason: 'Ten credits of ethics training',
        sanctions: [{ type: 'PEMBINAAN', credits: 10, dueOn }],
      },
      ethicsOfficer,
    ).expect(201);
    // Not final yet: no obligation.
    expect((await get('/cpd/transcript', trainee).expect(200)).body.obligations).toEqual([]);
    await post(
      `/cases/${caseId}/moves`,
      { to: 'final', reason: 'No appeal', ...WAIVED },
      ethicsOfficer,
    ).expect(201);

    // Credits earned before the decision do not count toward it; those after do, any domain.
    for (const [earnedOn, domain, credits] of [
      [addDays(today, -10), 'learning', 5],
      [today, 'community', 4],
    ] as const) {
      const claim = await post(
        '/cpd/claims',
        { ...CLAIM, personId: trainee.personId, earnedOn, domain, credits },
        officer,
      ).expect(201);
      await post(
        `/cpd/claims/${claim.body.id}/decision`,
        { decision: 'approved', reason: 'OK' },
        officer,
      ).expect(200);
    }
    const transcript = await get('/cpd/transcript', trainee).expect(200);
    expect(transcript.body.obligations).toEqual([
      expect.objectContaining({
        kind: 'remedial',
        policy: 'Pembinaan (remedial training)',
        caseId,
        startsOn: today,
        endsOn: dueOn,
        required: 10,
        counted: 4,
        remaining: 6,
        met: false,
        shortfalls: ['total 4/10 credits'],
      }),
    ]);
  });

  it('carries what one cycle earned beyond its total into the next, in the transcript and the compliance report', async () => {
    const certificateType = await post('/credential-types', {
      code: 'SKK',
      name: 'Surat Keterangan Kompetensi',
      issuerKind: 'external',
      issuingAuthority: 'Kolegium',
      validityMonths: 60,
    }).expect(201);
    await post('/cpd/policies', {
      code: 'SKP_SKK',
      name: 'Competence certificate: ten credits, five carried over',
      effectiveFrom: '2010-01-01',
      credentialTypeCode: 'SKK',
      rules: tenCreditsCarrying(60, 5),
    }).expect(201);
    const certificate = (personId: string, validFrom: string) =>
      recordVerifiedCredential(t, registrar, {
        personId,
        credentialTypeId: certificateType.body.id,
        validFrom,
      });
    const earn = (personId: string, earnedOn: string, credits: number) =>
      approvedClaim(t, officer, { ...CLAIM, personId, earnedOn, credits });
    const certificateOf = async (who: SignedIn) =>
      (
        await get(`/cpd/transcript?personId=${who.personId}`, officer).expect(200)
      ).body.obligations.find((obligation: { policy: string }) => obligation.policy === 'SKP_SKK');

    // Three cycles back to back: 2012-2016 earned 13 (3 carry), 2017-2021 earned 14 + 3 (5 carry,
    // the most the policy allows), 2022-2026 earned 6 + 5: met only with what was carried.
    const veteran = await loginAs(t, 'member', 'dr. Berkelanjutan');
    const first = await certificate(veteran.personId!, '2012-01-01');
    const second = await certificate(veteran.personId!, '2017-01-01');
    const third = await certificate(veteran.personId!, '2022-01-01');
    await earn(veteran.personId!, '2014-05-01', 13);
    await earn(veteran.personId!, '2019-05-01', 14);
    await earn(veteran.personId!, '2024-05-01', 6);
    const veteranCsv = await get(`/cpd/transcript?personId=${veteran.personId}`, officer)
      .set('accept', 'text/csv')
      .expect(200);
    expect(veteranCsv.text).toContain(
      `SKP_SKK,${third.number},2022-01-01,2026-12-31,carried in,,,5,,${second.number}\r\n`,
    );
    expect(await certificateOf(veteran)).toMatchObject({
      credentialNumber: third.number,
      startsOn: '2022-01-01',
      endsOn: '2026-12-31',
      carriedIn: 5,
      carriedFrom: second.number,
      counted: 10,
      surplus: 1,
      met: true,
      carriesOut: 1,
    });
    expect(first.number).not.toBe(second.number);

    // A cycle begun a day late follows no cycle: nothing is carried into it.
    const lapsed = await loginAs(t, 'member', 'dr. Terputus');
    await certificate(lapsed.personId!, '2017-01-01');
    const late = await certificate(lapsed.personId!, '2022-01-02');
    await earn(lapsed.personId!, '2019-05-01', 15);
    await earn(lapsed.personId!, '2024-05-01', 6);
    expect(await certificateOf(lapsed)).toMatchObject({
      credentialNumber: late.number,
      carriedIn: 0,
      carriedFrom: null,
      counted: 6,
      met: false,
      shortfalls: ['total 6/10 credits', 'flexible 1/5 credits'],
    });

    const report = await get('/cpd/compliance?policy=SKP_SKK', officer).expect(200);
    expect(report.body.items.map((row: { personId: string }) => row.personId)).toEqual([
      lapsed.personId,
    ]);
    expect(report.body.items[0]).toMatchObject({ counted: 6, remaining: 4 });
  });

  it('takes evidence with an open claim, shows it to the officer, and keeps it behind the credit', async () => {
    const claim = await post(
      '/cpd/claims',
      { ...CLAIM, title: 'Paper in a journal' },
      doctor,
    ).expect(201);
    const attach = (who: SignedIn) =>
      t
        .http()
        .post(`/cpd/claims/${claim.body.id}/evidence`)
        .set('authorization', who.bearer)
        .attach('file', PDF, 'paper.pdf');
    const sent = await attach(doctor).expect(201);
    expect(sent.body).toMatchObject({
      subjectType: 'cpd_claim',
      subjectId: claim.body.id,
      fileName: 'paper.pdf',
      downloadUrl: `/cpd/claims/${claim.body.id}/evidence/${sent.body.id}/content`,
    });
    expectProblem(await attach(colleague), 404, 'not-found');
    await get(`/cpd/claims/${claim.body.id}/evidence`, colleague).expect(404);
    expect((await get(`/cpd/claims/${claim.body.id}/evidence`, officer).expect(200)).body).toEqual([
      sent.body,
    ]);
    const read = await get(sent.body.downloadUrl, officer).buffer(true).parse(asBuffer).expect(200);
    expect(Buffer.compare(read.body as Buffer, PDF)).toBe(0);
    // CPD evidence is the CPD area's: a registrar reaches it nowhere, /evidence included.
    for (const path of [`/evidence/${sent.body.id}`, `/evidence/${sent.body.id}/content`]) {
      expectProblem(await get(path, registrar), 404, 'not-found');
    }
    await get(`/cpd/claims/${claim.body.id}/evidence`, registrar).expect(403);

    await post(
      `/cpd/claims/${claim.body.id}/decision`,
      { decision: 'approved', reason: 'Published' },
      officer,
    ).expect(200);
    expectProblem(await attach(doctor), 409, 'cpd-claim-not-open');
    const { credits } = (await get('/cpd/transcript', doctor).expect(200)).body;
    const credit = credits.find((c: { title: string }) => c.title === 'Paper in a journal');
    const behind = await get(`/cpd/credits/${credit.id}/evidence`, officer).expect(200);
    expect(behind.body).toEqual([sent.body]);
    await get(`/cpd/credits/${credit.id}/evidence/${sent.body.id}/content`, doctor).expect(200);
    const evidenceRows = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM evidence_documents WHERE subject_type = 'cpd_claim'`,
    );
    expect(evidenceRows[0].n).toBe(1);
  });

  it('binds members of a category or a speciality, in cycles from the day membership began', async () => {
    const ordinary = {
      code: 'SKP_ORDINARY',
      name: 'Ordinary members: ten credits a year, four carried over',
      effectiveFrom: '2000-01-01',
      membershipCategoryCode: 'ORDINARY',
      rules: tenCreditsCarrying(12, 4),
    };
    const twoThings = await post('/cpd/policies', { ...ordinary, credentialTypeCode: 'SIP' });
    expectProblem(twoThings, 422, 'cpd-policy-invalid');
    expect(twoThings.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'credentialTypeCode',
      'membershipCategoryCode',
    ]);
    const unknown = await post('/cpd/policies', { ...ordinary, membershipCategoryCode: 'NOPE' });
    expect(unknown.body.errors).toEqual([
      { field: 'membershipCategoryCode', message: 'NOPE is no membership category' },
    ]);
    const created = await post('/cpd/policies', ordinary).expect(201);
    expect(created.body).toMatchObject({ membershipCategoryCode: 'ORDINARY', speciality: null });
    const otherPeople = await post('/cpd/policies', {
      ...ordinary,
      membershipCategoryCode: undefined,
      speciality: 'Bedah',
      effectiveFrom: '2020-01-01',
    });
    expectProblem(otherPeople, 422, 'cpd-policy-invalid');
    await post('/cpd/policies', {
      code: 'SKP_BEDAH',
      name: 'Surgeons: thirty credits in three years',
      effectiveFrom: '2000-01-01',
      speciality: 'Bedah',
      rules: {
        cycleMonths: 36,
        totalCredits: 30,
        domains: [{ code: 'learning', name: 'Learning', sharePercent: 100 }],
      },
    }).expect(201);

    const finance = await loginAs(t, 'finance');
    const surgeon = await loginAs(t, 'member', 'dr. Bedah');
    const pipeline = new Pipeline(t, admin);
    const membershipId = await pipeline.admitted(finance, surgeon, (await pipeline.chapter()).id);
    const { memberNumber } = (await get(`/memberships/${membershipId}`, admin).expect(200)).body;
    // A member for 400 days, a surgeon as the membership records it.
    const today = todayIn(t);
    const since = addDays(today, -400);
    await t.db.query(
      `UPDATE memberships SET member_since = $2, speciality = 'bedah' WHERE id = $1`,
      [membershipId, since],
    );
    await approvedClaim(t, officer, {
      ...CLAIM,
      personId: surgeon.personId,
      earnedOn: addDays(since, 10),
      credits: 14,
    });
    await approvedClaim(t, officer, {
      ...CLAIM,
      personId: surgeon.personId,
      earnedOn: today,
      credits: 7,
    });

    const { obligations } = (await get('/cpd/transcript', surgeon).expect(200)).body;
    const secondYear = addDays(lastDayOfTerm(since, 12), 1);
    // Policies in the order of their codes.
    expect(obligations).toEqual([
      expect.objectContaining({
        kind: 'membership',
        policy: 'SKP_BEDAH',
        memberNumber,
        startsOn: since,
        endsOn: lastDayOfTerm(since, 36),
        counted: 21,
        remaining: 9,
        met: false,
        shortfalls: ['total 21/30 credits', 'learning 21/30 credits'],
      }),
      expect.objectContaining({
        kind: 'membership',
        policy: 'SKP_ORDINARY',
        memberNumber,
        credentialNumber: null,
        startsOn: secondYear,
        endsOn: lastDayOfTerm(secondYear, 12),
        carriedIn: 4,
        counted: 10,
        surplus: 1,
        met: true,
      }),
    ]);

    const surgeons = await get('/cpd/compliance?policy=SKP_BEDAH', officer).expect(200);
    expect(surgeons.body.items).toEqual([
      expect.objectContaining({
        personId: surgeon.personId,
        memberNumber,
        credentialNumber: null,
        counted: 21,
        remaining: 9,
        domains: [{ domain: 'learning', required: 30, counted: 21, remaining: 9 }],
      }),
    ]);
    const members = await get('/cpd/compliance?policy=SKP_ORDINARY&limit=1000', officer).expect(
      200,
    );
    expect(members.body.items.map((row: { personId: string }) => row.personId)).not.toContain(
      surgeon.personId,
    );
    const audit = await post('/cpd/audits', { policy: 'SKP_BEDAH', sharePercent: 100 }, officer);
    expect(audit.status).toBe(201);
    expect(audit.body).toMatchObject({ population: 1, members: [{ personId: surgeon.personId }] });
  });
});

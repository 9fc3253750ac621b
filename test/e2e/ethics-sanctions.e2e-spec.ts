import { addDays, lastDayOfTerm } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import {
  auditRowsFor,
  expectFieldErrors,
  expectProblem,
  issueCredential,
} from 'test/support/factories';
import { WAIVED, caseHeard } from 'test/support/cases';
import { Pipeline } from 'test/support/membership';
import { freePort } from 'test/support/process';
import { verifyIndependently } from 'test/support/verify-vc';

/**
 * A decision's sanctions take effect when the case becomes final, in the same transaction: the
 * membership and every credential issued here are suspended until the last day (and come back by
 * themselves after it) or revoked, and the public answer says so at once.
 */
describe('sanctions of an ethics case', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;
  let baseUrl: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    t = await createTestApp({ settings: { publicBaseUrl: baseUrl } });
    await t.app.listen(port, '127.0.0.1');
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'ethics_officer');
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
  });
  afterAll(() => t.close());

  /** A doctor with a membership and a certificate of competence, and a case about them heard. */
  const heardCase = async (name: string) => {
    const doctor = await loginAs(t, 'member', name);
    const membershipId = await pipeline.admitted(finance, doctor, chapterId);
    const { memberNumber } = (await get(`/memberships/${membershipId}`, admin).expect(200)).body;
    const certificate = await issueCredential(t, registrar, doctor.personId!);
    const vc = (await get(`/credentials/${certificate.id}/vc`, doctor).expect(200)).body as object;
    const caseId = await caseHeard(t, admin, officer, memberNumber);
    return { caseId, membershipId, certificate, vc, personId: doctor.personId!, doctor };
  };
  const statusOf = async (membershipId: string, number: string) => ({
    membership: (await get(`/memberships/${membershipId}`, admin).expect(200)).body.status,
    certificate: (await t.http().get(`/public/credentials/${number}`).expect(200)).body.status,
  });

  it('suspends the membership and the certificate when final, and both come back after the last day', async () => {
    const { caseId, membershipId, certificate, vc, doctor } = await heardCase('dr. Skorsing');
    const move = (body: object) => post(`/cases/${caseId}/moves`, body, officer);

    const tooLong = await move({
      to: 'decided',
      reason: 'Suspension',
      sanctions: [{ type: 'SKORSING', months: 13 }],
    });
    expectProblem(tooLong, 400, 'validation-failed');
    expect(tooLong.body.errors).toEqual([
      {
        field: 'sanctions[0].months',
        message: 'sanctions[0].months: SKORSING runs 3 to 12 months',
      },
    ]);
    expectProblem(
      await move({ to: 'decided', reason: 'X', sanctions: [{ type: 'DENDA' }] }),
      400,
      'validation-failed',
    );

    const decided = await move({
      to: 'decided',
      reason: 'Suspended for three months',
      sanctions: [{ type: 'SKORSING', months: 3 }],
    }).expect(201);
    expect(decided.body.sanctions).toEqual([
      expect.objectContaining({ type: 'SKORSING', months: 3, tookEffectOn: null }),
    ]);
    // Decided is not yet final: nothing has changed.
    expect(await statusOf(membershipId, certificate.number)).toEqual({
      membership: 'active',
      certificate: 'active',
    });
    // The registration the doctor was admitted with: the medical council's, recorded here.
    const mine = await get('/credentials', doctor).expect(200);
    const str = (mine.body.items as { number: string }[]).find(({ number }) =>
      number.startsWith('STR-'),
    )!;
    const beforeFinal = await t.http().get(`/public/credentials/${str.number}`).expect(200);
    expect(beforeFinal.body.holderSanctions).toEqual([]);

    const today = todayIn(t);
    const until = lastDayOfTerm(today, 3);
    const final = await move({ to: 'final', reason: 'No appeal was lodged', ...WAIVED }).expect(
      201,
    );
    expect(final.body.sanctions).toEqual([
      expect.objectContaining({ startsOn: today, endsOn: until, tookEffectOn: today }),
    ]);
    expect(await statusOf(membershipId, certificate.number)).toEqual({
      membership: 'suspended',
      certificate: 'suspended',
    });
    const publicAnswer = await t.http().get(`/public/credentials/${certificate.number}`);
    expect(publicAnswer.body.sanctions).toEqual([
      expect.objectContaining({ kind: 'suspension', until }),
    ]);
    // The registration is the medical council's, not ours to suspend: the sanction shows beside it.
    const suspension = {
      kind: 'suspension',
      name: 'Pemberhentian sementara (suspension)',
      from: today,
      until,
    };
    expect(publicAnswer.body.holderSanctions).toEqual([suspension]);
    const registration = await t.http().get(`/public/credentials/${str.number}`).expect(200);
    expect(registration.body).toMatchObject({
      status: 'active',
      sanctions: [],
      holderSanctions: [suspension],
    });
    // A hospital checking its doctors' registrations in bulk reads it too.
    const { key } = (
      await post('/api-keys', { name: 'RS Sehat', organisation: 'RS Sehat' }).expect(201)
    ).body;
    const bulk = await t
      .http()
      .post('/verifications/bulk')
      .set('x-api-key', key)
      .set('content-type', 'text/csv')
      .set('accept', 'text/csv')
      .send(`number\r\n${str.number}\r\n`)
      .expect(200);
    expect(bulk.text.trim().split('\r\n')[1]).toMatch(
      new RegExp(`,Pemberhentian sementara \\(suspension\\) from ${today} to ${until}$`),
    );
    const page = await t
      .http()
      .get(`/verify/${encodeURIComponent(str.number)}`)
      .expect(200);
    expect(page.text).toContain(`Pemberhentian sementara (suspension) from ${today} to ${until}`);
    // The VC the doctor holds: an independent verifier reads the suspension from the status list.
    expect(await verifyIndependently(vc, baseUrl)).toMatchObject({
      verified: true,
      status: { revocation: false, suspension: true },
    });

    const after = moveCalendar(t, addDays(until, 1));
    try {
      expect(await statusOf(membershipId, certificate.number)).toEqual({
        membership: 'active',
        certificate: 'active',
      });
      expect(await verifyIndependently(vc, baseUrl)).toMatchObject({
        verified: true,
        status: { revocation: false, suspension: false },
      });
    } finally {
      after.restore();
    }
  });

  it('waits for the Muktamar on a permanent removal the panel proposed: the case final, nothing changes until it upholds it; a rejection changes nothing', async () => {
    const { caseId, membershipId, certificate } = await heardCase('dr. Menunggu Muktamar');
    await post(
      `/cases/${caseId}/moves`,
      { to: 'decided', reason: 'Expulsion proposed', sanctions: [{ type: 'PEMECATAN' }] },
      officer,
    ).expect(201);
    const final = await post(
      `/cases/${caseId}/moves`,
      { to: 'final', reason: 'No appeal', ...WAIVED },
      officer,
    ).expect(201);
    const [removal] = final.body.sanctions;
    expect(removal).toMatchObject({
      type: 'PEMECATAN',
      decidedBy: 'Muktamar IDI',
      ruling: null,
      tookEffectOn: null,
    });
    expect(await statusOf(membershipId, certificate.number)).toEqual({
      membership: 'active',
      certificate: 'active',
    });
    expect(
      (await t.http().get(`/public/credentials/${certificate.number}`)).body.sanctions,
    ).toEqual([]);
    const rule = (body: object) =>
      post(`/cases/${caseId}/sanctions/${removal.id}/ruling`, body, officer);
    const today = todayIn(t);
    expectFieldErrors(
      await rule({ ruling: 'upheld', ruledOn: addDays(today, 1), reference: 'Too early' }),
      [
        {
          field: 'ruledOn',
          message: `ruledOn must fall between the decision (${removal.decidedOn}) and today (${today})`,
        },
      ],
    );
    // A fault after the membership has changed: revoking the certificate breaks a rule, and the
    // ruling with all it sets off is undone.
    await t.db.query(`
      CREATE FUNCTION refuse_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'revocation refused' USING ERRCODE = '23514';
      END $$`);
    await t.db.query(
      `CREATE TRIGGER trg_refuse_revocation BEFORE UPDATE ON credentials FOR EACH ROW
        WHEN (NEW.status = 'revoked' AND OLD.id = '${certificate.id}') EXECUTE FUNCTION refuse_revocation()`,
    );
    const upheld = { ruling: 'upheld', ruledOn: today, reference: 'Ketetapan Muktamar IDI 7/2027' };
    try {
      expectProblem(await rule(upheld), 422, 'unprocessable');
    } finally {
      await t.db.query(`DROP TRIGGER trg_refuse_revocation ON credentials`);
      await t.db.query(`DROP FUNCTION refuse_revocation()`);
    }
    const unchanged = await get(`/cases/${caseId}`, admin).expect(200);
    expect(unchanged.body.sanctions[0]).toMatchObject({ ruling: null, tookEffectOn: null });
    expect(await statusOf(membershipId, certificate.number)).toEqual({
      membership: 'active',
      certificate: 'active',
    });

    const ruled = await rule(upheld).expect(201);
    expect(ruled.body.sanctions[0]).toMatchObject({
      ruling: 'upheld',
      ruledOn: today,
      rulingReference: 'Ketetapan Muktamar IDI 7/2027',
      tookEffectOn: today,
    });
    expect(await statusOf(membershipId, certificate.number)).toEqual({
      membership: 'revoked',
      certificate: 'revoked',
    });
    expectProblem(await rule(upheld), 409, 'sanction-ruled');
    const [audit] = (await auditRowsFor(t, 'ethics_case', caseId)).filter(
      (row) => row.action === 'ethics_case.sanction_ruled',
    );
    expect(audit.after).toMatchObject({ ruling: 'upheld', decidedBy: 'Muktamar IDI' });

    // Rejected, it never takes effect; a sanction the panel decides itself takes no ruling.
    const other = await heardCase('dr. Ditolak Muktamar');
    await post(
      `/cases/${other.caseId}/moves`,
      { to: 'decided', reason: 'Expulsion proposed', sanctions: [{ type: 'PEMECATAN' }] },
      officer,
    ).expect(201);
    const proposed = (await get(`/cases/${other.caseId}`, admin).expect(200)).body.sanctions[0];
    await post(
      `/cases/${other.caseId}/sanctions/${proposed.id}/ruling`,
      { ruling: 'rejected', ruledOn: today, reference: 'Ketetapan Muktamar IDI 8/2027' },
      officer,
    ).expect(201);
    await post(
      `/cases/${other.caseId}/moves`,
      { to: 'final', reason: 'No appeal', ...WAIVED },
      officer,
    ).expect(201);
    expect(await statusOf(other.membershipId, other.certificate.number)).toEqual({
      membership: 'active',
      certificate: 'active',
    });
    const reprimanded = await heardCase('dr. Teguran Saja');
    const decided = await post(
      `/cases/${reprimanded.caseId}/moves`,
      { to: 'decided', reason: 'Reprimand', sanctions: [{ type: 'TEGURAN_TERTULIS' }] },
      officer,
    ).expect(201);
    expectProblem(
      await post(
        `/cases/${reprimanded.caseId}/sanctions/${decided.body.sanctions[0].id}/ruling`,
        upheld,
        officer,
      ),
      409,
      'sanction-not-referred',
    );
  });

  /** Lodges an appeal against the decided case: the appeal council's case, with its own officer. */
  const appealed = async (caseId: string, councillor: SignedIn) => {
    const lodged = await post(
      `/cases/${caseId}/moves`,
      { to: 'appeal', reason: 'Appealed to the national council' },
      officer,
    ).expect(201);
    expect(lodged.body).toMatchObject({ status: 'appeal', nextStatuses: [] });
    const appealCaseId = lodged.body.appealCaseId as string;
    await post(`/cases/${appealCaseId}/assignments`, { accountId: councillor.accountId }).expect(
      201,
    );
    return appealCaseId;
  };

  it('hears an appeal as a case of its own, whose decision decides the first and whose clocks are its own', async () => {
    const heard = await heardCase('dr. Banding Dikabulkan');
    const councillor = await loginAs(t, 'ethics_officer', 'Dewan Kehormatan Pusat');
    const move = (caseId: string, body: object, as = officer) =>
      post(`/cases/${caseId}/moves`, body, as);
    await move(heard.caseId, {
      to: 'decided',
      reason: 'Suspended for six months',
      sanctions: [{ type: 'SKORSING', months: 6 }],
    }).expect(201);
    const appealCaseId = await appealed(heard.caseId, councillor);

    // The first case's officer does not sit on the appeal, and cannot be put on it: the
    // council's officer runs it.
    await get(`/cases/${appealCaseId}`, officer).expect(404);
    const decider = await post(`/cases/${appealCaseId}/assignments`, {
      accountId: officer.accountId,
    });
    expectProblem(decider, 409, 'officer-recused');
    expect(decider.body.detail).toContain('they ran the case under appeal');
    const opened = (await get(`/cases/${appealCaseId}`, councillor).expect(200)).body;
    expect(opened).toMatchObject({
      body: 'appeal_council',
      appealOfCaseId: heard.caseId,
      status: 'received',
      nextStatuses: ['hearing'],
      whatHappened: expect.any(String),
      sanctions: [expect.objectContaining({ type: 'SKORSING', stage: 'decision' })],
    });
    expect(
      opened.clocks.map((clock: { name: string; dueOn: string }) => [clock.name, clock.dueOn]),
    ).toEqual([
      ['appeal-hearing', addDays(todayIn(t), 30)],
      ['appeal-decision', addDays(todayIn(t), 90)],
    ]);
    const first = (await get(`/cases/${heard.caseId}`, officer).expect(200)).body;
    expect(first.appealCaseId).toBe(appealCaseId);
    expect(first.clocks.find((clock: { name: string }) => clock.name === 'appeal')).toMatchObject({
      stoppedOn: todayIn(t),
    });

    // The first case waits: only the appeal case decides.
    const early = await move(heard.caseId, {
      to: 'appeal_decided',
      reason: 'Heard',
      outcome: 'quashed',
    });
    expectProblem(early, 409, 'case-move-refused');
    expect(early.body.detail).toBe(
      `The case is appeal: it waits for the appeal council's decision in case ${appealCaseId}, not to appeal_decided`,
    );

    await move(appealCaseId, { to: 'hearing', reason: 'Heard in Jakarta' }, councillor).expect(201);
    const noOutcome = await move(
      appealCaseId,
      { to: 'appeal_decided', reason: 'Heard' },
      councillor,
    );
    expectProblem(noOutcome, 400, 'validation-failed');
    expect(noOutcome.body.errors).toEqual([
      { field: 'outcome', message: "outcome is required with the appeal's decision" },
    ]);
    const setAside = await move(
      appealCaseId,
      { to: 'appeal_decided', reason: 'The facts were not proven', outcome: 'quashed' },
      councillor,
    ).expect(201);
    expect(setAside.body).toMatchObject({ appealOutcome: 'quashed', nextStatuses: ['final'] });
    expect(setAside.body.sanctions[0].supersededOn).toBe(todayIn(t));
    const decidedFirst = (await get(`/cases/${heard.caseId}`, officer).expect(200)).body;
    expect(decidedFirst).toMatchObject({ status: 'appeal_decided', appealOutcome: 'quashed' });
    expect(decidedFirst.timeline.at(-1)).toMatchObject({
      kind: 'moved',
      toStatus: 'appeal_decided',
      text: 'Decided on appeal (quashed): The facts were not proven',
    });

    // Final on the appeal makes both final; the quashed suspension never takes effect.
    await move(appealCaseId, { to: 'final', reason: 'The appeal is final' }, councillor).expect(
      201,
    );
    expect((await get(`/cases/${heard.caseId}`, officer).expect(200)).body.status).toBe('final');
    expect(await statusOf(heard.membershipId, heard.certificate.number)).toEqual({
      membership: 'active',
      certificate: 'active',
    });
    const answer = await t.http().get(`/public/credentials/${heard.certificate.number}`);
    expect(answer.body).toMatchObject({ sanctions: [], holderSanctions: [] });
    // The respondent reads both cases of their own, the appeal included.
    const mine = await get('/cases/mine', heard.doctor).expect(200);
    expect(mine.body.items.map((found: { body: string }) => found.body)).toEqual([
      'honour_council',
      'appeal_council',
    ]);
  });

  it("takes effect as the appeal's decision changes it: the new sanction, not the first", async () => {
    const changed = await heardCase('dr. Banding Diubah');
    const councillor = await loginAs(t, 'ethics_officer', 'Dewan Kehormatan Pusat 2');
    await post(
      `/cases/${changed.caseId}/moves`,
      { to: 'decided', reason: 'Expelled', sanctions: [{ type: 'PEMECATAN' }] },
      officer,
    ).expect(201);
    const appealCaseId = await appealed(changed.caseId, councillor);
    const move = (body: object) => post(`/cases/${appealCaseId}/moves`, body, councillor);
    await move({ to: 'hearing', reason: 'Heard' }).expect(201);
    const lighter = await move({
      to: 'appeal_decided',
      reason: 'Expulsion is too heavy for a first offence',
      outcome: 'changed',
      sanctions: [{ type: 'SKORSING', months: 3 }],
    }).expect(201);
    expect(
      lighter.body.sanctions.map(
        (s: { type: string; stage: string; supersededOn: string | null }) => [
          s.type,
          s.stage,
          s.supersededOn !== null,
        ],
      ),
    ).toEqual([
      ['PEMECATAN', 'decision', true],
      ['SKORSING', 'appeal', false],
    ]);
    // Final on the first case makes the appeal final too.
    await post(`/cases/${changed.caseId}/moves`, { to: 'final', reason: 'Final' }, officer).expect(
      201,
    );
    expect((await get(`/cases/${appealCaseId}`, councillor).expect(200)).body.status).toBe('final');
    expect(await statusOf(changed.membershipId, changed.certificate.number)).toEqual({
      membership: 'suspended',
      certificate: 'suspended',
    });
  });

  it('reads the ethics standing from cases and sanctions, on any day, for ethics staff and the person only', async () => {
    const { caseId, personId, doctor } = await heardCase('dr. Berdiri');
    const today = todayIn(t);
    const standing = async (asOf?: string) =>
      (await get(`/cases/standing/${personId}${asOf ? `?asOf=${asOf}` : ''}`, officer).expect(200))
        .body;
    // "Under investigation" is the person's and ethics staff's to know: not a registrar's, and
    // another member's question answers as for nobody at all.
    expect((await get(`/cases/standing/${personId}`, doctor).expect(200)).body.standing).toBe(
      'under_investigation',
    );
    expectProblem(await get(`/cases/standing/${personId}`, registrar), 403, 'forbidden');
    const other = await loginAs(t, 'member', 'dr. Penasaran');
    expectProblem(await get(`/cases/standing/${personId}`, other), 404, 'not-found');
    expect(await standing()).toMatchObject({
      standing: 'under_investigation',
      openInvestigations: 1,
      sanctions: [],
    });
    expect((await standing(addDays(today, -1))).standing).toBe('good');

    await post(
      `/cases/${caseId}/moves`,
      { to: 'decided', reason: 'Suspended', sanctions: [{ type: 'SKORSING', months: 3 }] },
      officer,
    ).expect(201);
    await post(
      `/cases/${caseId}/moves`,
      { to: 'final', reason: 'Final', ...WAIVED },
      officer,
    ).expect(201);
    const until = lastDayOfTerm(today, 3);
    expect(await standing()).toEqual({
      personId,
      asOf: today,
      standing: 'sanctioned',
      openInvestigations: 0,
      sanctions: [
        {
          type: 'SKORSING',
          name: 'Pemberhentian sementara (suspension)',
          effect: 'suspension',
          public: true,
          startsOn: today,
          endsOn: until,
          dueOn: null,
        },
      ],
    });
    expect((await standing(addDays(today, -1))).standing).toBe('good');
    expect((await standing(addDays(until, 1))).standing).toBe('good');
    expectProblem(await get(`/cases/standing/${personId}`, finance), 403, 'forbidden');
  });

  it('publishes a reprimand only where its type says so', async () => {
    await post('/cases/sanction-types', {
      code: 'TEGURAN_TERBUKA',
      name: 'Public reprimand',
      effect: 'reprimand',
      public: true,
    }).expect(201);
    const { caseId, certificate } = await heardCase('dr. Teguran');
    await post(
      `/cases/${caseId}/moves`,
      {
        to: 'decided',
        reason: 'Reprimanded',
        sanctions: [{ type: 'TEGURAN_TERTULIS' }, { type: 'TEGURAN_TERBUKA' }],
      },
      officer,
    ).expect(201);
    await post(
      `/cases/${caseId}/moves`,
      { to: 'final', reason: 'Final', ...WAIVED },
      officer,
    ).expect(201);
    const answer = await t.http().get(`/public/credentials/${certificate.number}`).expect(200);
    // A reprimand leaves the certificate valid; the seed's written reprimand stays private.
    expect(answer.body).toMatchObject({
      status: 'active',
      sanctions: [],
      holderSanctions: [
        { kind: 'reprimand', name: 'Public reprimand', from: todayIn(t), until: null },
      ],
    });
  });

  it('takes sanction types as data, a suspension with its shortest and longest term', async () => {
    const types = await get('/cases/sanction-types', officer).expect(200);
    expect(types.body.map((type: { code: string }) => type.code)).toEqual(
      expect.arrayContaining([
        'PEMBINAAN',
        'PEMECATAN',
        'SKORSING',
        'TEGURAN_LISAN',
        'TEGURAN_TERTULIS',
      ]),
    );
    const refused = await post('/cases/sanction-types', {
      code: 'SKORSING_PENDEK',
      name: 'Short suspension',
      effect: 'suspension',
    });
    expectProblem(refused, 400, 'validation-failed');
    await post('/cases/sanction-types', {
      code: 'SKORSING_PENDEK',
      name: 'Short suspension',
      effect: 'suspension',
      minMonths: 1,
      maxMonths: 2,
      public: true,
    }).expect(201);
    expectProblem(
      await post('/cases/sanction-types', { code: 'X', name: 'X', effect: 'reprimand' }, officer),
      403,
      'forbidden',
    );
  });
});

import { WAIVED, notifyRespondent } from 'test/support/cases';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { expectFieldErrors, expectProblem } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/**
 * A complaint lodged by anyone opens an ethics case; the case moves through the procedure step
 * by step, and only admins, the officers assigned and (redacted) the respondent ever see it.
 */
describe('ethics cases: complaints and the procedure', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let otherOfficer: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let doctor: SignedIn;
  let bystander: SignedIn;
  let memberNumber: string;
  let caseId: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  const complaintsCount = async () =>
    (await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM complaints`))[0].n;

  const COMPLAINT = {
    complainant: { name: 'Budi Santoso', email: 'budi@example.org', phone: '+62 812 0000 0001' },
    whatHappened: 'Issued a sick note without examining the patient',
    happenedOn: '2026-10-14',
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'ethics_officer', 'Officer Assigned');
    otherOfficer = await loginAs(t, 'ethics_officer', 'Officer Elsewhere');
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    doctor = await loginAs(t, 'member', 'dr. Andi Wijaya');
    bystander = await loginAs(t, 'member', 'dr. Lain');
    const pipeline = new Pipeline(t, admin);
    const chapter = await pipeline.chapter();
    const membershipId = await pipeline.admitted(finance, doctor, chapter.id);
    memberNumber = (await get(`/memberships/${membershipId}`, admin).expect(200)).body
      .memberNumber as string;
  });
  afterAll(() => t.close());

  it('takes a complaint from anyone, naming the doctor by member number, and gives a reference', async () => {
    const lodged = await t
      .http()
      .post('/cases/complaints')
      .send({ ...COMPLAINT, respondent: { memberNumber } })
      .expect(201);
    expect(lodged.body.reference).toMatch(/^ADU-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(lodged.body.receipt).toContain(lodged.body.reference);
    expect(lodged.body.receipt).toContain('kept confidential');

    const cases = await get('/cases', admin).expect(200);
    const opened = cases.body.items.find(
      (c: { reference: string }) => c.reference === lodged.body.reference,
    );
    expect(opened).toMatchObject({
      status: 'received',
      respondentPersonId: doctor.personId,
      respondentNumber: memberNumber,
      nextStatuses: ['screening'],
      complainant: { name: 'Budi Santoso', email: 'budi@example.org' },
      timeline: [expect.objectContaining({ kind: 'opened', toStatus: 'received' })],
    });
    caseId = opened.id;
  });

  it('answers every bad complaint with a problem and keeps nothing of it', async () => {
    const before = await complaintsCount();
    const lodge = (body: object) => t.http().post('/cases/complaints').send(body);
    const unknownField = await lodge({ ...COMPLAINT, respondent: { memberNumber }, urgent: true });
    expectProblem(unknownField, 400, 'validation-failed');
    const oversize = await lodge({
      ...COMPLAINT,
      respondent: { memberNumber },
      whatHappened: 'x'.repeat(20_001),
    });
    expectFieldErrors(oversize, [
      {
        field: 'whatHappened',
        message: 'whatHappened must be shorter than or equal to 20000 characters',
      },
    ]);
    const nul = await lodge({
      ...COMPLAINT,
      respondent: { memberNumber },
      whatHappened: 'Said\u0000nothing',
    });
    expectProblem(nul, 400, 'validation-failed');
    const nameOnly = await lodge({ ...COMPLAINT, respondent: { name: 'dr. Andi' } });
    expectProblem(nameOnly, 400, 'respondent-required');
    expect(await complaintsCount()).toBe(before);
  });

  it('moves step by step with a reason, and refuses a wrong move naming where the case stands', async () => {
    expectProblem(
      await post(`/cases/${caseId}/moves`, { to: 'screening', reason: 'Take it up' }, officer),
      404,
      'not-found',
    );
    const assigned = await post(`/cases/${caseId}/assignments`, {
      accountId: officer.accountId,
    }).expect(201);
    expect(assigned.body.assignments).toEqual([{ accountId: officer.accountId, role: 'officer' }]);
    expectProblem(
      await post(`/cases/${caseId}/assignments`, { accountId: registrar.accountId }),
      422,
      'not-an-ethics-officer',
    );

    const wrong = await post(
      `/cases/${caseId}/moves`,
      { to: 'hearing', reason: 'Straight to a hearing' },
      officer,
    );
    expectProblem(wrong, 409, 'case-move-refused');
    expect(wrong.body).toMatchObject({ currentStatus: 'received', allowed: ['screening'] });
    expect(wrong.body.detail).toBe(
      'The case is received: it moves only to screening, not to hearing',
    );
    const unreasoned = await post(`/cases/${caseId}/moves`, { to: 'screening' }, officer);
    expectProblem(unreasoned, 400, 'validation-failed');
    expect(unreasoned.body.errors).toContainEqual({
      field: 'reason',
      message: 'reason should not be empty',
    });

    for (const [to, reason] of [
      ['screening', 'Within the code of ethics'],
      ['investigation', 'The complaint names a matter for the honour council'],
    ]) {
      const moved = await post(`/cases/${caseId}/moves`, { to, reason }, officer).expect(201);
      expect(moved.body.status).toBe(to);
    }
    const noted = await post(
      `/cases/${caseId}/notes`,
      { text: 'The clinic register shows no visit that day', confidential: true },
      officer,
    ).expect(201);
    expect(noted.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'assigned',
      'moved',
      'moved',
      'note',
    ]);
    const audit = await t.db.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_type = 'ethics_case' AND entity_id = $1 ORDER BY id`,
      [caseId],
    );
    expect(audit.map((row) => row.action)).toEqual([
      'ethics_case.opened',
      'ethics_case.assigned',
      'ethics_case.moved',
      'ethics_case.moved',
      'ethics_case.note',
    ]);
  });

  it('is seen by admins, the officer assigned and the respondent (redacted); to anyone else it does not exist', async () => {
    for (const outsider of [otherOfficer, registrar, finance, bystander]) {
      const response = await get(`/cases/${caseId}`, outsider);
      expectProblem(response, 404, 'not-found');
      expect(response.body.detail).toBe(`Case ${caseId} does not exist`);
    }
    const missing = await get('/cases/00000000-0000-4000-8000-000000000000', otherOfficer);
    expect(missing.body.detail).toBe('Case 00000000-0000-4000-8000-000000000000 does not exist');

    const asRespondent = await get(`/cases/${caseId}`, doctor).expect(200);
    expect(asRespondent.body).toMatchObject({
      status: 'investigation',
      complainant: null,
      assignments: [],
      nextStatuses: [],
    });
    expect(asRespondent.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'opened',
      'moved',
      'moved',
    ]);
    const mine = await get('/cases/mine', doctor).expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect((await get('/cases/mine', bystander).expect(200)).body.items).toEqual([]);

    await get(`/cases/${caseId}`, officer).expect(200);
    await get(`/cases/${caseId}`, admin).expect(200);
    const reads = await t.db.query<{ account_id: string }[]>(
      `SELECT account_id FROM ethics_case_reads WHERE case_id = $1 ORDER BY id`,
      [caseId],
    );
    const readers = new Set(reads.map((row) => row.account_id));
    expect(readers.has(officer.accountId)).toBe(true);
    expect(readers.has(admin.accountId)).toBe(true);
    expect(readers.has(doctor.accountId)).toBe(false);
  });

  it('lets the respondent answer, and no one else', async () => {
    const answered = await post(
      `/cases/${caseId}/answers`,
      { text: 'I examined the patient on the morning of 14 October' },
      doctor,
    ).expect(201);
    expect(answered.body.timeline.at(-1)).toMatchObject({ kind: 'answer' });
    expectProblem(
      await post(`/cases/${caseId}/answers`, { text: 'Not mine to answer' }, bystander),
      404,
      'not-found',
    );
  });

  it('closes once final: nothing more is added', async () => {
    await notifyRespondent(t, officer, caseId);
    for (const [to, reason] of [
      ['hearing', 'The answer disputes the facts'],
      ['decided', 'Written reprimand'],
      ['final', 'No appeal was lodged'],
    ]) {
      await post(
        `/cases/${caseId}/moves`,
        { to, reason, ...(to === 'final' ? WAIVED : {}) },
        officer,
      ).expect(201);
    }
    expectProblem(
      await post(`/cases/${caseId}/notes`, { text: 'Late note' }, officer),
      409,
      'case-closed',
    );
    const closed = await post(`/cases/${caseId}/moves`, { to: 'appeal', reason: 'Late' }, officer);
    expectProblem(closed, 409, 'case-move-refused');
    expect(closed.body.detail).toBe('The case is final: it is closed, not to appeal');
  });

  it('takes a complaint from staff for a complainant, naming the professional by name to match later', async () => {
    const lodged = await post(
      '/cases/complaints/on-behalf',
      { ...COMPLAINT, respondent: { name: 'dr. Tanpa Nomor' } },
      officer,
    ).expect(201);
    const [row] = await t.db.query<{ respondent_person_id: string | null }[]>(
      `SELECT c.respondent_person_id FROM ethics_cases c JOIN complaints p ON p.id = c.complaint_id
        WHERE p.reference = $1`,
      [lodged.body.reference],
    );
    expect(row.respondent_person_id).toBeNull();
    // Unmatched, it goes to a decision, but no sanction takes effect on no one: 409, naming the step.
    const [opened] = await t.db.query<{ id: string }[]>(
      `SELECT c.id FROM ethics_cases c JOIN complaints p ON p.id = c.complaint_id
        WHERE p.reference = $1`,
      [lodged.body.reference],
    );
    await post(`/cases/${opened.id}/assignments`, { accountId: officer.accountId }).expect(201);
    for (const to of ['screening', 'investigation', 'hearing']) {
      if (to === 'hearing') await notifyRespondent(t, officer, opened.id);
      await post(`/cases/${opened.id}/moves`, { to, reason: `On to ${to}` }, officer).expect(201);
    }
    await post(
      `/cases/${opened.id}/moves`,
      { to: 'decided', reason: 'Suspended', sanctions: [{ type: 'SKORSING', months: 3 }] },
      officer,
    ).expect(201);
    const final = await post(
      `/cases/${opened.id}/moves`,
      { to: 'final', reason: 'Final', ...WAIVED },
      officer,
    );
    expectProblem(final, 409, 'respondent-unmatched');
    expect(final.body.detail).toContain(`POST /cases/${opened.id}/respondent`);
    expectProblem(
      await post(
        '/cases/complaints/on-behalf',
        { ...COMPLAINT, respondent: { name: 'dr. X' } },
        registrar,
      ),
      403,
      'forbidden',
    );
  });

  // Last: it opens a second case about the respondent of the cases above.
  it('takes a complaint naming a number it does not know exactly as one it knows, saying nothing of the number', async () => {
    const lodge = (body: object) => t.http().post('/cases/complaints').send(body);
    const before = await complaintsCount();
    const known = await lodge({ ...COMPLAINT, respondent: { memberNumber } }).expect(201);
    for (const respondent of [{ memberNumber: 'NO-SUCH-1' }, { credentialNumber: 'NO-SUCH-2' }]) {
      const unknown = await lodge({ ...COMPLAINT, respondent }).expect(201);
      expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(known.body).sort());
      expect(unknown.body.message).toBe(known.body.message);
      // Opened unmatched: staff match the professional by hand (POST /cases/{id}/respondent).
      const [opened] = await t.db.query<{ respondent_person_id: string | null }[]>(
        `SELECT c.respondent_person_id FROM ethics_cases c JOIN complaints p ON p.id = c.complaint_id
          WHERE p.reference = $1`,
        [unknown.body.reference],
      );
      expect(opened.respondent_person_id).toBeNull();
    }
    expect(await complaintsCount()).toBe(before + 3);
    // Staff lodging for a complainant are told the number is unknown.
    const onBehalf = await post('/cases/complaints/on-behalf', {
      ...COMPLAINT,
      respondent: { memberNumber: 'NO-SUCH-3' },
    });
    expectProblem(onBehalf, 422, 'respondent-not-found');
  });
});

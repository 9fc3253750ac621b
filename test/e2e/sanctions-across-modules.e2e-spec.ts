import pg from 'pg';
import { addDays, lastDayOfTerm } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { expectProblem, issueCredential } from 'test/support/factories';
import { WAIVED, caseHeard } from 'test/support/cases';
import { Pipeline } from 'test/support/membership';

/**
 * Where an ethics decision meets a membership and credentials that other hands changed first:
 * suspensions from several sources compose, a resignation escapes nothing, and the moves that
 * cross modules hold no second connection.
 */
describe('sanctions across modules', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn = admin) =>
    t.http().get(path).set('authorization', as.bearer);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'ethics_officer');
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
  });
  afterAll(() => t.close());

  /** A doctor with a membership and a certificate issued here, and a case about them heard. */
  const heardCase = async (name: string) => {
    const doctor = await loginAs(t, 'member', name);
    const membershipId = await pipeline.admitted(finance, doctor, chapterId);
    const certificate = await issueCredential(t, registrar, doctor.personId!);
    const { memberNumber } = (await get(`/memberships/${membershipId}`).expect(200)).body;
    const caseId = await caseHeard(t, admin, officer, memberNumber);
    return { caseId, membershipId, certificate, doctor };
  };
  const decide = (caseId: string, sanctions: object[]) =>
    post(`/cases/${caseId}/moves`, { to: 'decided', reason: 'Decided', sanctions }, officer);
  const makeFinal = (caseId: string) =>
    post(
      `/cases/${caseId}/moves`,
      { to: 'final', reason: 'No appeal was lodged', ...WAIVED },
      officer,
    );
  const membership = async (id: string) => (await get(`/memberships/${id}`).expect(200)).body;
  const publicAnswer = async (number: string) =>
    (await t.http().get(`/public/credentials/${number}`).expect(200)).body;

  it('keeps a final suspension beside an interim one: suspended while either holds, each lifted on its own', async () => {
    const { caseId, membershipId, certificate } = await heardCase('dr. Skors Sementara');
    const today = todayIn(t);
    const staffUntil = addDays(today, 10);
    await post(`/memberships/${membershipId}/status-changes`, {
      status: 'suspended',
      reason: 'Interim suspension until the hearing decides',
    }).expect(201);
    await post(`/credentials/${certificate.id}/suspend`, {
      reason: 'Interim suspension of the certificate',
      until: staffUntil,
    }).expect(200);
    await decide(caseId, [{ type: 'SKORSING', months: 3 }]).expect(201);

    const final = await makeFinal(caseId).expect(201);
    const until = lastDayOfTerm(today, 3);
    expect(final.body).toMatchObject({ status: 'final' });
    expect(final.body.sanctions).toEqual([
      expect.objectContaining({ tookEffectOn: today, endsOn: until }),
    ]);
    const both = await membership(membershipId);
    expect(both).toMatchObject({ status: 'suspended', suspendedUntil: null });
    expect(both.suspensions).toEqual([
      expect.objectContaining({ source: 'staff', endsOn: null, holding: true }),
      expect.objectContaining({ source: 'sanction', endsOn: until, holding: true }),
    ]);
    const certificateNow = await publicAnswer(certificate.number);
    expect(certificateNow.status).toBe('suspended');
    expect(certificateNow.sanctions).toEqual([
      { kind: 'suspension', from: today, until: staffUntil },
      { kind: 'suspension', from: today, until },
    ]);

    // Lifting the interim suspension leaves the sanction's: still suspended, to its last day.
    const lifted = await post(`/memberships/${membershipId}/status-changes`, {
      status: 'active',
      reason: 'The interim suspension ends with the decision',
    }).expect(201);
    expect(lifted.body).toMatchObject({ status: 'suspended', suspendedUntil: until });
    expect(lifted.body.suspensions).toEqual([
      expect.objectContaining({ source: 'staff', liftedOn: today, holding: false }),
      expect.objectContaining({ source: 'sanction', holding: true }),
    ]);
    const refused = await post(`/memberships/${membershipId}/status-changes`, {
      status: 'active',
      reason: 'Trying to lift the sanction by hand',
    });
    expectProblem(refused, 409, 'membership-status-refused');
    expect((await membership(membershipId)).status).toBe('suspended');
    // The card of the certificate: staff's own lifted, the sanction's stays.
    await post(`/credentials/${certificate.id}/reinstate`, { reason: 'Interim over' }).expect(200);
    expect((await publicAnswer(certificate.number)).status).toBe('suspended');
    expectProblem(
      await post(`/credentials/${certificate.id}/reinstate`, { reason: 'Again' }),
      409,
      'credential-status-refused',
    );

    const after = moveCalendar(t, addDays(until, 1));
    try {
      expect((await membership(membershipId)).status).toBe('active');
      const over = await publicAnswer(certificate.number);
      expect(over.status).toBe('active');
      expect(over.sanctions).toEqual([
        { kind: 'suspension', from: today, until: today, announcedUntil: staffUntil },
        { kind: 'suspension', from: today, until },
      ]);
    } finally {
      after.restore();
    }
  });

  it('reaches a member who resigned during the case: a revocation expels them and revokes what was issued here', async () => {
    const { caseId, membershipId, certificate, doctor } = await heardCase('dr. Mundur Dulu');
    await decide(caseId, [{ type: 'PEMECATAN' }]).expect(201);
    await post(
      `/memberships/${membershipId}/status-changes`,
      { status: 'resigned', reason: 'Leaving the profession' },
      doctor,
    ).expect(201);

    const final = await makeFinal(caseId).expect(201);
    // The panel proposed it; the Muktamar upholds it, and it takes effect.
    expect((await membership(membershipId)).status).toBe('resigned');
    await post(
      `/cases/${caseId}/sanctions/${final.body.sanctions[0].id}/ruling`,
      { ruling: 'upheld', ruledOn: todayIn(t), reference: 'Ketetapan Muktamar IDI' },
      officer,
    ).expect(201);
    const expelled = await membership(membershipId);
    expect(expelled.status).toBe('revoked');
    expect(expelled.statusChanges.at(-1)).toMatchObject({ from: 'resigned', to: 'revoked' });
    expect((await publicAnswer(certificate.number)).status).toBe('revoked');
    // No application reopens an expelled membership.
    const category = await pipeline.category('ORDINARY');
    const draft = await post('/membership-applications', {
      personId: doctor.personId,
      categoryId: category.id,
      chapterId,
    }).expect(201);
    if (draft.body.feeInvoiceId) await pipeline.pay(finance, draft.body.feeInvoiceId);
    const submitted = await post(`/membership-applications/${draft.body.id}/submit`, {});
    expect(submitted.status).toBe(422);
    expect(JSON.stringify(submitted.body)).toContain('revoked');
    expect((await membership(membershipId)).status).toBe('revoked');
  });

  it('reaches a member who resigned before the decision became final: a suspension holds on their certificate and meets a readmission', async () => {
    const { caseId, membershipId, certificate, doctor } = await heardCase('dr. Kembali Lagi');
    await pipeline.age(membershipId, 400); // a member since last year
    await decide(caseId, [{ type: 'SKORSING', months: 3 }]).expect(201);
    await post(
      `/memberships/${membershipId}/status-changes`,
      { status: 'resigned', reason: 'Moving abroad' },
      doctor,
    ).expect(201);

    await makeFinal(caseId).expect(201);
    const today = todayIn(t);
    const until = lastDayOfTerm(today, 3);
    const resigned = await membership(membershipId);
    expect(resigned.status).toBe('resigned');
    expect(resigned.suspensions).toEqual([
      expect.objectContaining({ source: 'sanction', endsOn: until, holding: true }),
    ]);
    const answer = await publicAnswer(certificate.number);
    expect(answer.status).toBe('suspended');
    expect(answer.holderSanctions).toEqual([
      expect.objectContaining({ kind: 'suspension', until }),
    ]);

    const application = await pipeline.applicationUnderReview(finance, doctor.personId!, chapterId);
    await post(`/membership-applications/${application}/approve`, {}).expect(200);
    expect(await membership(membershipId)).toMatchObject({
      status: 'suspended',
      suspendedUntil: until,
    });
    const after = moveCalendar(t, addDays(until, 1));
    try {
      expect((await membership(membershipId)).status).toBe('active');
      expect((await publicAnswer(certificate.number)).status).toBe('active');
    } finally {
      after.restore();
    }
  });

  it('answers ten final moves sent at once with one 201 and nine 409s, none waiting for a connection', async () => {
    const { caseId, membershipId } = await heardCase('dr. Sepuluh Kali');
    await decide(caseId, [{ type: 'SKORSING', months: 3 }]).expect(201);
    // The case is held from outside the app's pool until every connection of the pool waits on
    // it, so the moves meet: a winner that borrowed a second connection would wait for itself.
    const outside = () => new pg.Client({ connectionString: t.settings.databaseUrl });
    const [holder, observer] = [outside(), outside()];
    await Promise.all([holder.connect(), observer.connect()]);
    let answers: Awaited<ReturnType<typeof makeFinal>>[];
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM ethics_cases WHERE id = $1 FOR UPDATE', [caseId]);
      const sent = Promise.all(Array.from({ length: 10 }, () => makeFinal(caseId)));
      for (let waiting = 0; waiting < t.settings.databasePoolSize;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const { rows } = await observer.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        waiting = rows[0].waiting;
      }
      await holder.query('ROLLBACK');
      answers = await sent;
    } finally {
      await Promise.all([holder.end(), observer.end()]);
    }
    expect(answers.map((answer) => answer.status).sort()).toEqual([
      201, 409, 409, 409, 409, 409, 409, 409, 409, 409,
    ]);
    for (const refused of answers.filter((answer) => answer.status === 409)) {
      expectProblem(refused, 409, 'case-move-refused');
    }
    expect((await membership(membershipId)).status).toBe('suspended');
  });

  it('takes a sanction into effect in at most 30 statements', async () => {
    const { caseId } = await heardCase('dr. Hitung Pernyataan');
    await decide(caseId, [{ type: 'SKORSING', months: 3 }]).expect(201);
    const statements = await countTransactionStatements(() => makeFinal(caseId).expect(201));
    expect(statements.length).toBeGreaterThan(10);
    expect(statements.length).toBeLessThanOrEqual(30);
  });
});

/**
 * The statements of the transactions that run while `work` does, from START TRANSACTION to COMMIT
 * on each client, read off every query the pg driver sends.
 */
async function countTransactionStatements(work: () => PromiseLike<unknown>): Promise<string[]> {
  const sent = jest.spyOn(pg.Client.prototype, 'query');
  let calls: unknown[][] = [];
  let clients: unknown[] = [];
  try {
    await work();
  } finally {
    [calls, clients] = [[...sent.mock.calls], [...sent.mock.contexts]];
    sent.mockRestore();
  }
  const open = new Map<unknown, string[]>();
  const committed: string[][] = [];
  calls.forEach(([config], index) => {
    const client = clients[index];
    const text = typeof config === 'string' ? config : ((config as { text?: string }).text ?? '');
    if (/^START TRANSACTION/i.test(text)) open.set(client, []);
    else if (/^COMMIT/i.test(text)) {
      committed.push(open.get(client) ?? []);
      open.delete(client);
    } else open.get(client)?.push(text);
  });
  expect(committed).toHaveLength(1);
  return committed[0];
}

import { addDays } from 'src/common/dates';
import { CpdComplianceService, REMEMBER_STANDINGS_QUEUE } from 'src/cpd/cpd-compliance.service';
import { JOB_SCHEMA } from 'src/database/job-queue';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar } from 'test/support/calendar';
import { approvedClaim } from 'test/support/cpd';
import { credentialTypeIds, recordVerifiedCredential } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/**
 * The compliance report remembers where each holder stood, and reads that back only while it
 * still holds: the same credits, the same versions of the policy, a day it was true for. A
 * million members are not summed again on every report; none is ever shown stale.
 */
describe('CPD compliance, remembered', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let registrar: SignedIn;
  let sip: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  /** A policy of learning credits alone, by default following the practice permit's five years. */
  const policy = (
    code: string,
    effectiveFrom: string,
    totalCredits: number,
    follows = { credentialTypeCode: 'SIP', cycleMonths: 60 },
  ) =>
    post('/cpd/policies', {
      code,
      name: `${totalCredits} learning credits a cycle`,
      effectiveFrom,
      credentialTypeCode: follows.credentialTypeCode,
      rules: {
        cycleMonths: follows.cycleMonths,
        totalCredits,
        domains: [{ code: 'learning', name: 'Learning', sharePercent: 100 }],
      },
    }).expect(201);
  const report = async (code: string) =>
    (await get(`/cpd/compliance?policy=${code}&limit=1000`, officer).expect(200)).body.items as {
      personId: string;
      required: number;
      counted: number;
      shortfalls: string[];
    }[];
  const rowOf = async (code: string, who: SignedIn) =>
    (await report(code)).find((row) => row.personId === who.personId);
  /** The holder's line of the CSV, which reads what is remembered: required, counted, shortfalls. */
  const csvOf = async (code: string, number: string) => {
    const csv = await get(`/cpd/compliance?policy=${code}`, officer)
      .set('accept', 'text/csv')
      .expect(200);
    const line = csv.text.split('\r\n').find((one) => one.startsWith(`${number},`));
    if (!line) return undefined;
    const [, , , , , , , required, counted, , shortfalls] = line.split(',');
    return { line, required: Number(required), counted: Number(counted), shortfalls };
  };
  const remembered = (code: string) =>
    t.db.query<{ holder_number: string; met: boolean; credit_revision: string }[]>(
      `SELECT holder_number, met, credit_revision FROM cpd_remembered_standings
        WHERE policy_code = $1 ORDER BY holder_number`,
      [code],
    );
  const holder = async (name: string) => {
    const who = await loginAs(t, 'member', name);
    const { number } = await recordVerifiedCredential(t, registrar, {
      personId: who.personId!,
      credentialTypeId: sip,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: '2025-01-01',
    });
    return { who, number: number };
  };
  const learning = (who: SignedIn, earnedOn: string, credits: number) =>
    approvedClaim(t, officer, {
      personId: who.personId,
      title: 'Kursus',
      domain: 'learning',
      category: 'course',
      earnedOn,
      credits,
    });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'cpd_officer');
    registrar = await loginAs(t, 'registrar');
    sip = (await credentialTypeIds(t, registrar)).SIP;
  });
  afterAll(() => t.close());

  it('lists holders in number order, worked out and remembered alike', async () => {
    await policy('SKP_ORDER', '2020-01-01', 10);
    const holders = [];
    // A name beyond ASCII, and one with a comma, come out as written (UTF-8, quoted).
    const unusual = 'dr. Urut Désirée, Sp.A 李 🩺';
    for (const name of ['dr. Urut A', 'dr. Urut B', unusual, 'dr. Urut D']) {
      holders.push(await holder(name));
    }
    const numbersIn = async () => {
      const csv = await get('/cpd/compliance?policy=SKP_ORDER', officer)
        .set('accept', 'text/csv')
        .expect(200);
      expect(csv.text).toContain(`,"${unusual}",`);
      return csv.text
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]);
    };
    const sorted = holders.map((one) => one.number).sort();
    const first = await numbersIn();
    expect(first).toEqual(sorted);
    expect((await remembered('SKP_ORDER')).length).toBe(holders.length);
    expect(await numbersIn()).toEqual(sorted);
  });

  it('reads a remembered standing back until the credits behind it change, however they change', async () => {
    await policy('SKP_MEMORY', '2020-01-01', 10);
    const a = await holder('dr. Ingat');
    const b = await holder('dr. Lupa');
    await learning(b.who, '2025-03-01', 10);

    expect(await rowOf('SKP_MEMORY', a.who)).toMatchObject({ counted: 0, required: 10 });
    expect(await rowOf('SKP_MEMORY', b.who)).toBeUndefined();
    expect(await remembered('SKP_MEMORY')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ holder_number: a.number, met: false }),
        expect.objectContaining({ holder_number: b.number, met: true }),
      ]),
    );

    // What the CSV shows comes from memory while it holds (a marked figure shows through); a
    // page of the report as JSON works its few rows out again.
    await t.db.query(
      `UPDATE cpd_remembered_standings
          SET csv_figures = regexp_replace(csv_figures, '[^,]*$', 'remembered')
        WHERE holder_number = $1`,
      [a.number],
    );
    const csv = await get('/cpd/compliance?policy=SKP_MEMORY', officer)
      .set('accept', 'text/csv')
      .expect(200);
    expect(csv.text).toContain(`${a.number},,dr. Ingat,${a.who.personId},`);
    expect(csv.text).toMatch(/,remembered\r\n/);
    expect((await rowOf('SKP_MEMORY', a.who))!.shortfalls).toEqual([
      'total 0/10 credits',
      'learning 0/10 credits',
    ]);

    // ...and a credit approved changes the holder's credits, so it is worked out again.
    const claimId = await learning(a.who, '2025-06-01', 4);
    expect(await csvOf('SKP_MEMORY', a.number)).toMatchObject({
      counted: 4,
      shortfalls: 'total 4/10 credits; learning 4/10 credits',
    });

    // A credit an audit removes changes them too.
    const audit = await post(
      '/cpd/audits',
      { policy: 'SKP_MEMORY', sharePercent: 100, seed: 'ingat' },
      officer,
    ).expect(201);
    const transcript = await get(`/cpd/transcript?personId=${a.who.personId}`, officer).expect(200);
    const credit = transcript.body.credits.find(
      (one: { title: string; credits: number }) => one.credits === 4,
    );
    expect(credit).toBeDefined();
    expect(claimId).toBeDefined();
    await post(
      `/cpd/audits/${audit.body.id}/credits/${credit.id}/removal`,
      { reason: 'No certificate on file' },
      officer,
    ).expect(200);
    expect(await csvOf('SKP_MEMORY', a.number)).toMatchObject({ counted: 0 });
    const revisions = await t.db.query<{ revision: string }[]>(
      `SELECT revision FROM cpd_credit_revisions WHERE person_id = $1`,
      [a.who.personId],
    );
    expect(revisions).toEqual([{ revision: '2' }]);
  });

  it('works standings out again under a new version of the policy, and on a day the memory does not cover', async () => {
    await policy('SKP_DAYS', '2020-01-01', 10);
    const c = await holder('dr. Kalender');
    await learning(c.who, '2025-06-01', 4);
    expect(await csvOf('SKP_DAYS', c.number)).toMatchObject({ counted: 4, required: 10 });

    // A version in force when the cycle began changes what it needs.
    await policy('SKP_DAYS', '2024-01-01', 20);
    expect(await csvOf('SKP_DAYS', c.number)).toMatchObject({ counted: 4, required: 20 });
    expect(await rowOf('SKP_DAYS', c.who)).toMatchObject({ counted: 4, required: 20 });

    // Before the credit was earned it did not count, though today's standing counts it...
    const before = moveCalendar(t, '2025-03-01');
    try {
      expect(await csvOf('SKP_DAYS', c.number)).toMatchObject({ counted: 0 });
    } finally {
      before.restore();
    }
    // ...and what was true on 1 March holds only until the day before the credit: after it, it
    // counts again.
    const after = moveCalendar(t, '2025-06-15');
    try {
      expect(await csvOf('SKP_DAYS', c.number)).toMatchObject({ counted: 4 });
    } finally {
      after.restore();
    }
    const [memory] = await t.db.query<{ computed_on: string; valid_through: string }[]>(
      `SELECT computed_on::text, valid_through::text FROM cpd_remembered_standings
        WHERE policy_code = 'SKP_DAYS' AND holder_number = $1`,
      [c.number],
    );
    expect(memory).toEqual({ computed_on: '2025-06-15', valid_through: '2029-12-31' });
  });

  it('reads each period of a credential renewed under its number as a cycle of its own', async () => {
    const finance = await loginAs(t, 'finance');
    const pipeline = new Pipeline(t, admin);
    const { doctor } = await pipeline.memberInGoodStanding(
      finance,
      (await pipeline.chapter()).id,
      'dr. Siklus Baru',
    );
    const yearly = await post('/credential-types', {
      code: 'SERKOM_SIKLUS',
      name: 'Sertifikat kompetensi tahunan',
      issuerKind: 'association',
      issuingAuthority: 'Kolegium',
      validityMonths: 12,
      renewalWindowDays: 400,
      autoRenew: true,
      numberFormat: 'SKS-{YYYY}-{SEQ:5}',
    }).expect(201);
    await policy('SKP_TAHUNAN', '2020-01-01', 10, {
      credentialTypeCode: 'SERKOM_SIKLUS',
      cycleMonths: 12,
    });
    const certificate = (
      await post(
        '/credentials/issue',
        { personId: doctor.personId, credentialTypeId: yearly.body.id },
        registrar,
      ).expect(201)
    ).body as { id: string; number: string; validFrom: string; validUntil: string };
    await learning(doctor, certificate.validFrom, 10);
    expect(await csvOf('SKP_TAHUNAN', certificate.number)).toBeUndefined();
    await t
      .http()
      .post('/renewals')
      .set('authorization', doctor.bearer)
      .send({ credentialId: certificate.id })
      .expect(201);
    // Renewed, the first period still runs: its ten credits meet it.
    expect(await csvOf('SKP_TAHUNAN', certificate.number)).toBeUndefined();

    // The day the second period begins, it is a cycle of its own, with nothing earned yet.
    const startsOn = addDays(certificate.validUntil, 1);
    const second = moveCalendar(t, startsOn);
    try {
      const line = await csvOf('SKP_TAHUNAN', certificate.number);
      expect(line).toMatchObject({ required: 10, counted: 0 });
      expect(line!.line).toContain(`,${startsOn},`);
      const transcript = await get(`/cpd/transcript?personId=${doctor.personId}`, officer).expect(
        200,
      );
      expect(
        transcript.body.obligations.filter(
          (obligation: { policy: string }) => obligation.policy === 'SKP_TAHUNAN',
        ),
      ).toEqual([
        expect.objectContaining({
          credentialNumber: certificate.number,
          startsOn,
          counted: 0,
          met: false,
        }),
      ]);
    } finally {
      second.restore();
    }
  });

  it('works a standing out again when the cycle it was remembered for has moved', async () => {
    await policy('SKP_MOVED', '2020-01-01', 10);
    const d = await holder('dr. Tanggal Bergeser');
    expect((await csvOf('SKP_MOVED', d.number))!.line).toContain(',2025-01-01,2029-12-31,');
    // The validity's end moved as a card's cover moves it: the cycle is a year shorter.
    await t.db.query(`UPDATE credentials SET valid_until = '2028-12-31' WHERE number = $1`, [
      d.number,
    ]);
    expect((await csvOf('SKP_MOVED', d.number))!.line).toContain(',2025-01-01,2028-12-31,');
  });

  it('remembers every policy in a job of its own: sent with a new version, worked before anyone asks', async () => {
    await policy('SKP_AHEAD', '2020-01-01', 10);
    const e = await holder('dr. Sudah Dihitung');
    const met = await holder('dr. Sudah Cukup');
    await learning(met.who, '2025-03-01', 10);
    const waiting = async () =>
      (
        await t.db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM ${JOB_SCHEMA}.job WHERE name = $1 AND state = 'created'`,
          [REMEMBER_STANDINGS_QUEUE],
        )
      )[0].n;
    // Versions sent together wait as one job.
    await policy('SKP_AHEAD', '2021-01-01', 10);
    expect(await waiting()).toBe(1);
    expect(await remembered('SKP_AHEAD')).toEqual([]);

    const work = await t.app.get(CpdComplianceService).rememberEveryPolicy();
    const { behind, workedOut } = work.find((one) => one.policy === 'SKP_AHEAD')!;
    // Every holder of a practice permit here worked out now, the one just recorded behind.
    expect(workedOut).toBeGreaterThan(1);
    expect(behind).toBeGreaterThanOrEqual(1);
    expect(behind).toBeLessThan(workedOut);
    expect(await remembered('SKP_AHEAD')).toHaveLength(workedOut);
    expect(await remembered('SKP_AHEAD')).toEqual(
      expect.arrayContaining([expect.objectContaining({ holder_number: e.number, met: false })]),
    );
    // The report reads it back (a marked figure shows through).
    await t.db.query(
      `UPDATE cpd_remembered_standings
          SET csv_figures = regexp_replace(csv_figures, '[^,]*$', 'remembered ahead')
        WHERE holder_number = $1`,
      [e.number],
    );
    expect((await csvOf('SKP_AHEAD', e.number))!.line).toMatch(/,remembered ahead$/);
    // Run again, it finds every standing remembered and works none out.
    expect(
      (await t.app.get(CpdComplianceService).rememberEveryPolicy()).find(
        (one) => one.policy === 'SKP_AHEAD',
      ),
    ).toEqual({ policy: 'SKP_AHEAD', behind, workedOut: 0 });
  });

  it('remembers though the table cannot be tidied after (an autovacuum holds it)', async () => {
    await policy('SKP_TIDY', '2020-01-01', 10);
    await holder('dr. Rapi');
    const vacuuming = t.db.createQueryRunner();
    await vacuuming.connect();
    try {
      await vacuuming.startTransaction();
      await vacuuming.query('LOCK TABLE cpd_remembered_standings IN SHARE UPDATE EXCLUSIVE MODE');
      const work = await t.app.get(CpdComplianceService).rememberEveryPolicy();
      expect(work.find((one) => one.policy === 'SKP_TIDY')!.workedOut).toBeGreaterThan(0);
    } finally {
      if (vacuuming.isTransactionActive) await vacuuming.rollbackTransaction();
      await vacuuming.release();
    }
    expect((await remembered('SKP_TIDY')).length).toBeGreaterThan(0);
  });
});

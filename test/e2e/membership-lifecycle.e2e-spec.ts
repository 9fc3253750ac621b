import { createTestApp, type TestApp } from 'test/support/app';
import { sendTogetherBehindRow, untilWaitingOnLocks } from 'test/support/concurrency';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import {
  auditRowsFor,
  expectFieldErrors,
  expectProblem,
  makeCompetent,
} from 'test/support/factories';
import { todayIn } from 'test/support/calendar';
import { Pipeline } from 'test/support/membership';

interface Membership {
  id: string;
  status: string;
  coveredUntil: string;
  memberSince: string;
  periods: { id: string; granted: boolean; invoiceId: string; startsOn: string; endsOn: string }[];
  statusChanges: {
    from: string | null;
    to: string;
    reason: string;
    actorAccountId: string | null;
  }[];
  arrears: { openInvoices: number; outstandingMinor: number };
}

describe('memberships: statuses from dates, the daily run, dues and self-service', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter('MDN')).id;
  });
  afterAll(() => t.close());

  const read = async (id: string, by = registrar): Promise<Membership> =>
    (await t.http().get(`/memberships/${id}`).set('authorization', by.bearer).expect(200)).body;
  const storedStatus = async (id: string) =>
    (await t.db.query(`SELECT status FROM memberships WHERE id = $1`, [id]))[0].status as string;
  const runDaily = async () =>
    (await t.http().post('/memberships/status-runs').set('authorization', admin.bearer).expect(201))
      .body as { outcome: { renewalInvoices: number; statusChanges: number } };
  const post = (by: SignedIn, path: string, body: object = {}) =>
    t.http().post(path).set('authorization', by.bearer).send(body);

  describe('the daily status run', () => {
    it('reads grace from the dates before any run, then records it once; a second run is a no-op', async () => {
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      await pipeline.age(id, 365 + 10);
      expect((await read(id)).status).toBe('grace');
      expect(await storedStatus(id)).toBe('active');

      const first = await runDaily();
      expect(first.outcome.statusChanges).toBeGreaterThanOrEqual(1);
      expect(await storedStatus(id)).toBe('grace');
      const membership = await read(id);
      expect(membership.statusChanges.at(-1)).toMatchObject({
        from: 'active',
        to: 'grace',
        actorAccountId: null,
        reason: expect.stringMatching(/^Cover ended on \d{4}-\d{2}-\d{2}; grace until/),
      });
      // The next period's dues were invoiced as the cover neared its end.
      expect(membership.periods.map((p) => p.granted)).toEqual([true, false]);

      const countRows = async () =>
        (
          await t.db.query(
            `SELECT (SELECT count(*) FROM membership_status_changes)::int AS changes,
                    (SELECT count(*) FROM invoices)::int AS invoices`,
          )
        )[0];
      const before = await countRows();
      const second = await runDaily();
      expect(second.outcome).toEqual({ renewalInvoices: 0, statusChanges: 0 });
      expect(await countRows()).toEqual(before);
      const runs = await t
        .http()
        .get('/memberships/status-runs')
        .set('authorization', registrar.bearer)
        .expect(200);
      expect(runs.body.length).toBeGreaterThanOrEqual(2);
      expect(runs.body[0]).toMatchObject({ triggeredByAccountId: admin.accountId });

      // Grace runs out with the dues unpaid: the next run records the lapse.
      await pipeline.age(id, 90);
      expect((await read(id)).status).toBe('lapsed');
      await runDaily();
      expect((await read(id)).statusChanges.at(-1)).toMatchObject({
        from: 'grace',
        to: 'lapsed',
        reason: expect.stringMatching(/^Grace ended on \d{4}-\d{2}-\d{2} with dues unpaid$/),
      });
    });

    it('lapses after grace, invoices the arrears, and reinstates once every arrear is paid', async () => {
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      await pipeline.age(id, 365 + 120);
      expect((await read(id)).status).toBe('lapsed');
      await runDaily();
      expect(await storedStatus(id)).toBe('lapsed');
      const lapsed = await read(id, member);
      expect(lapsed.arrears).toEqual({
        openInvoices: 2,
        outstandingMinor: 60000000,
        currency: 'IDR',
      });

      // Paying the newer period alone does not reinstate: the older dues are still open.
      const [older, newer] = lapsed.periods;
      await pipeline.pay(finance, newer.invoiceId);
      expect((await read(id)).status).toBe('lapsed');
      await pipeline.pay(finance, older.invoiceId);
      const reinstated = await read(id, member);
      expect(reinstated).toMatchObject({
        status: 'active',
        coveredUntil: newer.endsOn,
        arrears: { openInvoices: 0, outstandingMinor: 0 },
      });
      expect(reinstated.statusChanges.at(-1)).toMatchObject({
        from: 'lapsed',
        to: 'active',
        reason: `Dues paid: covered until ${newer.endsOn}`,
        actorAccountId: finance.accountId,
      });
    });

    it('runs once at a time: a run in progress refuses a second', async () => {
      const runner = t.db.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await runner.query(`SELECT pg_advisory_xact_lock(hashtext('membership-status'))`);
      try {
        const refused = await post(admin, '/memberships/status-runs');
        expectProblem(refused, 409, 'status-run-in-progress');
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });

    it('leaves alone a membership that staff changed while the run was reading it', async () => {
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      await pipeline.age(id, 365 + 10);
      // A staff suspension in progress holds the row; the run reads the membership as in grace
      // and waits on the row; the suspension commits; the run must not replace it.
      const staff = t.db.createQueryRunner();
      await staff.connect();
      try {
        await staff.startTransaction();
        await staff.query(
          `UPDATE memberships SET status = 'suspended', status_reason = 'MKEK decision'
            WHERE id = $1`,
          [id],
        );
        const run = post(admin, '/memberships/status-runs').then((r) => r);
        await untilWaitingOnLocks(staff, 1);
        await staff.commitTransaction();
        expect((await run).status).toBe(201);
      } finally {
        if (staff.isTransactionActive) await staff.rollbackTransaction();
        await staff.release();
      }
      expect(await storedStatus(id)).toBe('suspended');
      const membership = await read(id);
      expect(membership.status).toBe('suspended');
      expect(membership.statusChanges.map((change) => change.to)).not.toContain('grace');
    });

    it('audits the cover it extends for a free period', async () => {
      await post(admin, '/membership-categories', {
        code: 'FREEMEMBER',
        name: 'Free membership',
        duesMinor: 0,
        currency: 'IDR',
        periodMonths: 12,
        graceDays: 30,
        memberNumberFormat: 'F-{SEQ:5}',
      }).expect(201);
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId, 'FREEMEMBER');
      await pipeline.age(id, 365 - 30);
      const before = (await read(id)).coveredUntil;
      await runDaily();
      const after = (await read(id)).coveredUntil;
      expect(after > before).toBe(true);
      const extended = (await auditRowsFor(t, 'membership', id)).filter(
        (row) => row.action === 'membership.cover_extended',
      );
      expect(extended).toEqual([
        expect.objectContaining({
          actor_id: admin.accountId,
          before: { coveredUntil: before },
          after: { coveredUntil: after, reason: 'Free period granted by the daily run' },
        }),
      ]);
    });

    it('invoices a monthly member one month ahead, and paying that month extends the cover', async () => {
      await post(admin, '/membership-categories', {
        code: 'MONTHLY',
        name: 'Monthly membership',
        duesMinor: 1000000,
        currency: 'IDR',
        periodMonths: 1,
        graceDays: 15,
        memberNumberFormat: 'M-{SEQ:5}',
      }).expect(201);
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId, 'MONTHLY');
      await pipeline.pay(finance, (await read(id)).periods[0].invoiceId);
      await pipeline.age(id, 20); // the first month ends in about ten days
      await runDaily();
      const waiting = (await read(id)).periods.filter((period) => !period.granted);
      expect(waiting).toHaveLength(1);
      await pipeline.pay(finance, waiting[0].invoiceId);
      const paid = await read(id);
      expect(paid).toMatchObject({ status: 'active', coveredUntil: waiting[0].endsOn });
      expect(paid.arrears.openInvoices).toBe(0);

      // A month on: invoiced again; cover runs out while unpaid, then paying reinstates it.
      await pipeline.age(id, 30);
      await runDaily();
      const next = (await read(id)).periods.filter((period) => !period.granted);
      expect(next).toHaveLength(1);
      await pipeline.pay(finance, next[0].invoiceId);
      expect((await read(id)).coveredUntil).toBe(next[0].endsOn);

      // Months behind: each month paid, oldest first, extends the cover by that month.
      await pipeline.age(id, 75);
      await runDaily();
      const owed = (await read(id)).periods
        .filter((period) => !period.granted)
        .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
      expect(owed.length).toBeGreaterThanOrEqual(3);
      await pipeline.pay(finance, owed[0].invoiceId);
      expect((await read(id)).coveredUntil).toBe(owed[0].endsOn);
      await pipeline.pay(finance, owed[2].invoiceId); // out of order: the month between is owed
      expect((await read(id)).coveredUntil).toBe(owed[0].endsOn);
      await pipeline.pay(finance, owed[1].invoiceId);
      expect((await read(id)).coveredUntil).toBe(owed[2].endsOn);
    });

    it('is started by admins only', async () => {
      expectProblem(await post(registrar, '/memberships/status-runs'), 403, 'forbidden');
    });
  });

  describe('statuses set by hand', () => {
    it('suspends until a date, lifts it, and keeps each change dated and reasoned', async () => {
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      expectProblem(
        await post(finance, `/memberships/${id}/status-changes`, {
          status: 'suspended',
          reason: 'x',
        }),
        403,
        'forbidden',
      );
      const suspended = await post(registrar, `/memberships/${id}/status-changes`, {
        status: 'suspended',
        reason: 'Suspended for 3 months by the ethics council',
        suspendedUntil: '2099-02-01',
      }).expect(201);
      expect(suspended.body).toMatchObject({ status: 'suspended', suspendedUntil: '2099-02-01' });
      expectProblem(
        await post(member, `/memberships/${id}/status-changes`, {
          status: 'resigned',
          reason: 'x',
        }),
        409,
        'membership-status-refused',
      );
      const lifted = await post(registrar, `/memberships/${id}/status-changes`, {
        status: 'active',
        reason: 'Suspension lifted on appeal',
      }).expect(201);
      expect(lifted.body.status).toBe('active');
      expect(lifted.body.statusChanges.map((c: { to: string }) => c.to)).toEqual([
        'active',
        'suspended',
        'active',
      ]);
      expectProblem(
        await post(registrar, `/memberships/${id}/status-changes`, {
          status: 'active',
          reason: 'again',
        }),
        409,
        'membership-status-refused',
      );
      const audit = await auditRowsFor(t, 'membership', id);
      expect(audit.filter((row) => row.action === 'membership.status_changed')).toHaveLength(2);
    });

    it('of registrars suspending one membership at once, one does it and the others get 409', async () => {
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      const other = await loginAs(t, 'registrar');
      const answers = await sendTogetherBehindRow(
        t,
        'memberships',
        id,
        [registrar, other, registrar].map(
          (by, i) => () =>
            post(by, `/memberships/${id}/status-changes`, {
              status: 'suspended',
              reason: `Ethics council decision ${i}`,
            }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
      const audit = await auditRowsFor(t, 'membership', id);
      expect(audit.filter((row) => row.action === 'membership.status_changed')).toHaveLength(1);
    });

    it('reads a suspension as over once its last day has passed, and the run records it', async () => {
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      await post(registrar, `/memberships/${id}/status-changes`, {
        status: 'suspended',
        reason: 'Three months',
        suspendedUntil: '2099-01-01',
      }).expect(201);
      await t.db.query(`UPDATE memberships SET suspended_until = current_date - 1 WHERE id = $1`, [
        id,
      ]);
      expect((await read(id)).status).toBe('active');
      await runDaily();
      const after = await read(id);
      expect(after.statusChanges.at(-1)).toMatchObject({
        from: 'suspended',
        to: 'active',
        reason: expect.stringMatching(/^Suspension ended on/),
      });
    });

    it('audits a readmission: the category, chapter and cover it changes, before and after', async () => {
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      await pipeline.age(id, 400); // resigned last year, back now
      const before = await read(id);
      await post(member, `/memberships/${id}/status-changes`, {
        status: 'resigned',
        reason: 'Moving abroad',
      }).expect(201);
      const otherChapter = await pipeline.chapter();
      const application = await pipeline.applicationUnderReview(
        finance,
        member.personId!,
        otherChapter.id,
      );
      const approved = await post(registrar, `/membership-applications/${application}/approve`);
      expect(approved.body).toMatchObject({ status: 'approved' });
      const readmitted = (await auditRowsFor(t, 'membership', id)).find(
        (row) => row.action === 'membership.readmitted',
      );
      expect(readmitted).toMatchObject({
        actor_id: registrar.accountId,
        before: { chapterId, coveredUntil: before.coveredUntil },
        after: { chapterId: otherChapter.id, coveredUntil: (await read(id)).coveredUntil },
      });
    });

    it('readmits a member on the day they were first admitted, keeping both periods apart', async () => {
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      await post(member, `/memberships/${id}/status-changes`, {
        status: 'resigned',
        reason: 'Applied in the wrong category',
      }).expect(201);
      const application = await pipeline.applicationUnderReview(
        finance,
        member.personId!,
        chapterId,
      );
      await post(registrar, `/membership-applications/${application}/approve`).expect(200);
      expect((await read(id)).status).toBe('active');
      const periods = await t.db.query<{ admission: number; startsOn: string }[]>(
        `SELECT admission, starts_on::text AS "startsOn" FROM membership_periods
          WHERE membership_id = $1 ORDER BY admission`,
        [id],
      );
      expect(periods).toEqual([
        { admission: 1, startsOn: todayIn(t) },
        { admission: 2, startsOn: todayIn(t) },
      ]);
      const invoices = await t.db.query<{ periodId: string }[]>(
        `SELECT period_id AS "periodId" FROM invoices WHERE person_id = $1 AND kind = 'dues'`,
        [member.personId],
      );
      expect(new Set(invoices.map((invoice) => invoice.periodId)).size).toBe(2);
    });

    it('ends the credentials issued here as their type says when a membership is revoked or the member dies', async () => {
      const newType = async (code: string, onMembershipEnd?: string) =>
        (
          await post(admin, '/credential-types', {
            code,
            name: `Certificate ${code}`,
            issuerKind: 'association',
            issuingAuthority: 'Kolegium Dokter Indonesia',
            numberFormat: `${code}-{SEQ:4}`,
            ...(onMembershipEnd && { onMembershipEnd }),
          }).expect(201)
        ).body as { id: string; onMembershipEnd: string };
      const kept = await newType('CERTKEEP');
      expect(kept.onMembershipEnd).toBe('keep');
      const revoked = await newType('CERTREV', 'revoke');
      const serkom = (await t.db.query(`SELECT id FROM credential_types WHERE code = 'SERKOM'`))[0]
        .id as string;
      const refused = await post(admin, '/credential-types', {
        code: 'LICX',
        name: 'A licence from elsewhere',
        issuerKind: 'external',
        issuingAuthority: 'Dinas Kesehatan',
        onMembershipEnd: 'suspend',
      });
      expectFieldErrors(refused, [
        {
          field: 'onMembershipEnd',
          message: 'a credential issued elsewhere is kept when a membership ends',
        },
      ]);

      const publicStatus = async (number: string) =>
        (
          await t
            .http()
            .get(`/public/credentials/${encodeURIComponent(number)}`)
            .expect(200)
        ).body;
      const issueTo = async (personId: string, typeId: string) =>
        (
          await post(registrar, '/credentials/issue', {
            personId,
            credentialTypeId: typeId,
          }).expect(201)
        ).body as { id: string; number: string };

      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      await makeCompetent(t, registrar, member.personId!);
      const competence = await issueTo(member.personId!, serkom); // suspended on membership end
      const keeper = await issueTo(member.personId!, kept.id);
      const str = (
        await t
          .http()
          .get('/credentials')
          .query({ personId: member.personId })
          .set('authorization', registrar.bearer)
          .expect(200)
      ).body.items.find((c: { type: { code: string } }) => c.type.code === 'STR') as {
        number: string;
      };
      await post(registrar, `/memberships/${id}/status-changes`, {
        status: 'revoked',
        reason: 'Struck off by the honour council',
      }).expect(201);
      const today = todayIn(t);
      expect(await publicStatus(competence.number)).toMatchObject({
        status: 'suspended',
        sanctions: [{ kind: 'suspension', from: today, until: null }],
      });
      expect((await publicStatus(keeper.number)).status).toBe('active');
      expect((await publicStatus(str.number)).status).toBe('active');
      const events = (
        await t
          .http()
          .get(`/credentials/${competence.id}`)
          .set('authorization', registrar.bearer)
          .expect(200)
      ).body.events;
      expect(events.at(-1)).toMatchObject({
        event: 'suspended',
        reason: 'Membership revoked: Struck off by the honour council',
        actorAccountId: registrar.accountId,
      });

      const other = await loginAs(t, 'member');
      const otherId = await pipeline.admitted(finance, other, chapterId);
      const struck = await issueTo(other.personId!, revoked.id);
      await post(registrar, `/memberships/${otherId}/status-changes`, {
        status: 'deceased',
        reason: 'Death certificate received',
      }).expect(201);
      expect(await publicStatus(struck.number)).toMatchObject({
        status: 'revoked',
        sanctions: [{ kind: 'revocation', from: today, until: null }],
      });
    });

    it('lets a member resign their own membership only; the dues of periods not reached are waived', async () => {
      const member = await loginAs(t, 'member');
      const other = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      await pipeline.age(id, 365 - 30);
      await runDaily(); // invoices the coming period
      expectProblem(
        await post(other, `/memberships/${id}/status-changes`, { status: 'resigned', reason: 'x' }),
        404,
        'not-found',
      );
      expectProblem(
        await post(member, `/memberships/${id}/status-changes`, { status: 'revoked', reason: 'x' }),
        403,
        'forbidden',
      );
      expectFieldErrors(
        await post(member, `/memberships/${id}/status-changes`, {
          status: 'resigned',
          reason: 'Retiring from practice',
          effectiveOn: '1999-01-01',
        }),
        [
          {
            field: 'effectiveOn',
            message:
              'effectiveOn must be today for a change of your own; staff record earlier dates',
          },
        ],
      );
      const resigned = await post(member, `/memberships/${id}/status-changes`, {
        status: 'resigned',
        reason: 'Retiring from practice',
      }).expect(201);
      expect(resigned.body.status).toBe('resigned');
      const invoices = await t
        .http()
        .get('/invoices')
        .set('authorization', member.bearer)
        .expect(200);
      const statuses = invoices.body.items.map((i: { kind: string; status: string }) => [
        i.kind,
        i.status,
      ]);
      expect(statuses).toContainEqual(['dues', 'waived']);
      expectProblem(
        await post(registrar, `/memberships/${id}/status-changes`, {
          status: 'suspended',
          reason: 'x',
        }),
        409,
        'membership-status-refused',
      );
    });

    it('records a death and a revocation as final', async () => {
      const member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      await post(registrar, `/memberships/${id}/status-changes`, {
        status: 'revoked',
        reason: 'Expelled by final decision of the ethics council',
      }).expect(201);
      expectProblem(
        await post(registrar, `/memberships/${id}/status-changes`, {
          status: 'deceased',
          reason: 'x',
        }),
        409,
        'membership-status-refused',
      );
      const other = await loginAs(t, 'member');
      const otherId = await pipeline.admitted(finance, other, chapterId);
      // A date before the membership began is refused; within its life, staff may date back.
      expectFieldErrors(
        await post(admin, `/memberships/${otherId}/status-changes`, {
          status: 'deceased',
          reason: 'Death certificate received',
          effectiveOn: '2026-01-02',
        }),
        [
          {
            field: 'effectiveOn',
            message: `effectiveOn must not be before ${(await read(otherId)).memberSince}, when the membership began`,
          },
        ],
      );
      await pipeline.age(otherId, 400);
      const dead = await post(admin, `/memberships/${otherId}/status-changes`, {
        status: 'deceased',
        reason: 'Death certificate received',
        effectiveOn: '2026-01-02',
      }).expect(201);
      expect(dead.body).toMatchObject({ status: 'deceased', statusChangedOn: '2026-01-02' });
    });
  });

  describe('dues and an ending membership at once', () => {
    it('a payment and a revocation meeting on one membership never deadlock', async () => {
      for (let round = 0; round < 4; round++) {
        const member = await loginAs(t, 'member');
        const id = await pipeline.admitted(finance, member, chapterId);
        await pipeline.age(id, 365 - 30);
        await runDaily();
        const renewal = (await read(id)).periods.find((period) => !period.granted)!;
        const invoice = await t
          .http()
          .get(`/invoices/${renewal.invoiceId}`)
          .set('authorization', finance.bearer)
          .expect(200);
        // Both wait on the renewal invoice, then go at once: the payment wants the invoice and
        // the membership, the revocation the membership and the invoice (to waive it).
        const [payment, revocation] = await sendTogetherBehindRow(
          t,
          'invoices',
          renewal.invoiceId,
          [
            () =>
              post(finance, `/invoices/${renewal.invoiceId}/payments`, {
                amountMinor: invoice.body.outstandingMinor,
                currency: invoice.body.currency,
                method: 'bank_transfer',
                reference: `BCA-deadlock-${round}`,
                paidOn: '2026-11-01',
              }),
            () =>
              post(registrar, `/memberships/${id}/status-changes`, {
                status: 'revoked',
                reason: 'Struck off by the council',
              }),
          ],
        );
        // Whichever takes the membership first goes first; the other then finds its result.
        expect(revocation.status).toBe(201);
        const invoiceAfter = (
          await t.db.query(`SELECT status FROM invoices WHERE id = $1`, [renewal.invoiceId])
        )[0].status;
        if (payment.status === 201) {
          expect(invoiceAfter).toBe('paid');
        } else {
          expectProblem(payment, 409, 'invoice-closed');
          expect(payment.body.detail).toMatch(/already waived/);
          expect(invoiceAfter).toBe('waived');
        }
        expect(await storedStatus(id)).toBe('revoked');
      }
    });
  });

  describe('dues and payments', () => {
    let member: SignedIn;
    let invoiceId: string;

    beforeAll(async () => {
      member = await loginAs(t, 'member');
      const id = await pipeline.admitted(finance, member, chapterId);
      invoiceId = (await read(id)).periods[0].invoiceId;
    });

    const pay = (key: string | null, values: Record<string, unknown> = {}, by = finance) => {
      const request = t
        .http()
        .post(`/invoices/${invoiceId}/payments`)
        .set('authorization', by.bearer);
      if (key) request.set('idempotency-key', key);
      return request.send({
        amountMinor: 10000000,
        currency: 'IDR',
        method: 'bank_transfer',
        reference: `BCA-${key ?? Math.random()}`,
        paidOn: '2026-11-01',
        ...values,
      });
    };

    it('records a part payment and answers a retry with the same payment, never paying twice', async () => {
      const first = await pay('retry-1').expect(201);
      expect(first.body).toMatchObject({
        receiptNumber: expect.stringMatching(/^RCP-\d{4}-\d{6}$/),
        amountMinor: 10000000,
        recordedByAccountId: finance.accountId,
      });
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const retry = await pay('retry-1').expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.id).toBe(first.body.id);
      const invoice = await t
        .http()
        .get(`/invoices/${invoiceId}`)
        .set('authorization', member.bearer)
        .expect(200);
      expect(invoice.body).toMatchObject({
        status: 'partially_paid',
        paidMinor: 10000000,
        outstandingMinor: 20000000,
      });
      expect(invoice.body.payments).toHaveLength(1);
    });

    it('refuses the same key for a different payment', async () => {
      const reused = await pay('retry-1', { amountMinor: 5000000 });
      expectProblem(reused, 422, 'idempotency-key-reused');
    });

    it('pays once when the same request arrives twice at the same moment', async () => {
      const answers = await Promise.all([pay('race-1'), pay('race-1')]);
      expect(answers.map((a) => a.status)).toEqual([201, 201]);
      expect(answers[0].body.id).toBe(answers[1].body.id);
      const [{ count }] = await t.db.query(
        `SELECT count(*)::int AS count FROM payments WHERE idempotency_key = 'race-1'`,
      );
      expect(count).toBe(1);
    });

    it('refuses more than is owed, another currency, a bad key, and a reference already used', async () => {
      const over = await pay('over-1', { amountMinor: 10000001 });
      expectProblem(over, 422, 'overpayment');
      expect(over.body.outstandingMinor).toBe(10000000);
      const currency = await pay('usd-1', { currency: 'USD' });
      expectFieldErrors(currency, [{ field: 'currency', message: 'the invoice is in IDR' }]);
      const badKey = await pay('not a key');
      expectProblem(badKey, 400, 'validation-failed');
      expect(badKey.body.errors[0].field).toBe('Idempotency-Key');
      expectProblem(await pay(null, { reference: 'BCA-retry-1' }), 409, 'duplicate');
      const [{ count }] = await t.db.query(
        `SELECT count(*)::int AS count FROM payments WHERE invoice_id = $1`,
        [invoiceId],
      );
      expect(count).toBe(2);
    });

    it('keeps payments to finance and admins; members read only their own invoices and receipts', async () => {
      expectProblem(await pay('registrar-1', {}, registrar), 403, 'forbidden');
      expectProblem(await pay('member-1', {}, member), 403, 'forbidden');
      const other = await loginAs(t, 'member');
      expectProblem(
        await t.http().get(`/invoices/${invoiceId}`).set('authorization', other.bearer),
        404,
        'not-found',
      );
      const theirs = await t.http().get('/invoices').set('authorization', other.bearer).expect(200);
      expect(theirs.body.total).toBe(0);
      const mine = await t
        .http()
        .get('/invoices?status=open')
        .set('authorization', member.bearer)
        .expect(200);
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([invoiceId]);
      const receipt = await t
        .http()
        .get(`/payments/${mine.body.items[0].payments[0].id}`)
        .set('authorization', member.bearer)
        .expect(200);
      expect(receipt.body).toMatchObject({ invoiceId, personId: member.personId });
    });

    it('settles the rest, then refuses to take more; a waiver needs a reason', async () => {
      await pay('rest-1', { amountMinor: 10000000 }).expect(201);
      const paid = await t
        .http()
        .get(`/invoices/${invoiceId}`)
        .set('authorization', finance.bearer)
        .expect(200);
      expect(paid.body).toMatchObject({ status: 'paid', outstandingMinor: 0 });
      expectProblem(await pay('late-1'), 409, 'invoice-closed');
      const waiver = await post(finance, `/invoices/${invoiceId}/waiver`, {});
      expectProblem(waiver, 400, 'validation-failed');
      expectProblem(
        await post(finance, `/invoices/${invoiceId}/waiver`, { reason: 'Flood relief' }),
        409,
        'invoice-closed',
      );
      const audit = await auditRowsFor(t, 'invoice', invoiceId);
      expect(audit.map((row) => row.action)).toEqual([
        'invoice.issued',
        'payment.recorded',
        'payment.recorded',
        'payment.recorded',
      ]);
    });
  });

  describe('self-service', () => {
    it('shows a member their membership, and 404 before they have one', async () => {
      const applicant = await loginAs(t, 'member');
      expectProblem(
        await t.http().get('/memberships/me').set('authorization', applicant.bearer),
        404,
        'not-found',
      );
      const id = await pipeline.admitted(finance, applicant, chapterId);
      const mine = await t
        .http()
        .get('/memberships/me')
        .set('authorization', applicant.bearer)
        .expect(200);
      expect(mine.body).toMatchObject({
        id,
        personId: applicant.personId,
        status: 'active',
        listedInDirectory: false,
        arrears: { openInvoices: 1 },
      });
      const other = await loginAs(t, 'member');
      expectProblem(
        await t.http().get(`/memberships/${id}`).set('authorization', other.bearer),
        404,
        'not-found',
      );
      expectProblem(
        await t.http().get('/memberships').set('authorization', applicant.bearer),
        403,
        'forbidden',
      );
    });
  });
});

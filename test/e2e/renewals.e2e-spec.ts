import { addDays, lastDayOfTerm } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { sendTogetherBehindRow } from 'test/support/concurrency';
import { auditRowsFor, expectProblem, makeCompetent } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';
import { freePort } from 'test/support/process';
import { verifyIndependently } from 'test/support/verify-vc';

/**
 * Renewals of credentials issued here and of memberships: the window before the expiry, the
 * eligibility report stored with the request, approval without staff where the rules allow it,
 * the next period from the old expiry, and one period however many renewals arrive together.
 */
describe('renewals', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;
  let baseUrl: string;
  let yearly: { id: string; code: string };

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  const renew = (as: SignedIn, body: object) =>
    t.http().post('/renewals').set('authorization', as.bearer).send(body);

  const member = (name: string) => pipeline.memberInGoodStanding(finance, chapterId, name);
  const issue = async (personId: string, typeId = yearly.id) =>
    (
      await post('/credentials/issue', { personId, credentialTypeId: typeId }, registrar).expect(
        201,
      )
    ).body as { id: string; number: string; validFrom: string; validUntil: string };

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    t = await createTestApp({ settings: { publicBaseUrl: baseUrl } });
    await t.app.listen(port, '127.0.0.1');
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
    // A yearly certificate whose renewal is open from the day it is issued, and approved
    // without staff when every requirement is met.
    yearly = (
      await post('/credential-types', {
        code: 'SERKOM_TAHUNAN',
        name: 'Sertifikat tahunan',
        issuerKind: 'association',
        issuingAuthority: 'Kolegium',
        validityMonths: 12,
        renewalWindowDays: 400,
        autoRenew: true,
        numberFormat: 'ST-{YYYY}-{SEQ:5}',
      }).expect(201)
    ).body;
  });
  afterAll(() => t.close());

  it('renews without staff when every requirement is met: the next period from the old expiry, the number kept, a fresh VC', async () => {
    const { doctor } = await member('dr. Perpanjang Otomatis');
    const certificate = await issue(doctor.personId!);
    const renewed = await renew(doctor, { credentialId: certificate.id }).expect(201);
    const startsOn = addDays(certificate.validUntil, 1);
    expect(renewed.body).toMatchObject({
      personId: doctor.personId,
      credentialId: certificate.id,
      membershipId: null,
      endsOn: certificate.validUntil,
      status: 'approved',
      automatic: true,
      newStartsOn: startsOn,
      newEndsOn: lastDayOfTerm(startsOn, 12),
      eligibility: { goodStanding: true, renewalReady: true, asOf: todayIn(t) },
    });
    const after = await get(`/credentials/${certificate.id}`, doctor).expect(200);
    expect(after.body).toMatchObject({
      number: certificate.number,
      validUntil: lastDayOfTerm(startsOn, 12),
      status: 'active',
    });
    const periods = await t.db.query<{ validFrom: string; validUntil: string }[]>(
      `SELECT valid_from::text AS "validFrom", valid_until::text AS "validUntil"
         FROM credential_periods WHERE credential_id = $1 ORDER BY valid_from`,
      [certificate.id],
    );
    expect(periods).toEqual([
      { validFrom: certificate.validFrom, validUntil: certificate.validUntil },
      { validFrom: startsOn, validUntil: lastDayOfTerm(startsOn, 12) },
    ]);
    const [event] = await t.db.query<{ event: string }[]>(
      `SELECT event FROM credential_events WHERE credential_id = $1 AND event = 'renewed'`,
      [certificate.id],
    );
    expect(event).toEqual({ event: 'renewed' });
    expect(
      (await auditRowsFor(t, 'renewal_request', renewed.body.id)).map((r) => r.action),
    ).toEqual(['renewal.submitted', 'renewal.approved']);
    const vc = (await get(`/credentials/${certificate.id}/vc`, doctor).expect(200)).body as {
      validUntil: string;
    };
    expect(vc.validUntil).toBe(`${lastDayOfTerm(startsOn, 12)}T23:59:59Z`);
    expect(await verifyIndependently(vc, baseUrl)).toMatchObject({ verified: true });
    // The public answer and the standing read the renewed validity at once.
    const standing = await get('/standing', doctor).expect(200);
    expect(
      standing.body.requirements.find(
        (item: { subject: string }) => item.subject === certificate.number,
      ),
    ).toMatchObject({ met: true, detail: expect.stringContaining(lastDayOfTerm(startsOn, 12)) });
  });

  it('refuses a renewal before its window opens, naming the day', async () => {
    const { doctor } = await member('dr. Terlalu Awal');
    const types = await t.http().get('/credential-types').set('authorization', admin.bearer);
    const typeId = (types.body as { code: string; id: string }[]).find(
      (type) => type.code === 'SERKOM',
    )!.id;
    await makeCompetent(t, registrar, doctor.personId!);
    const issued = await issue(doctor.personId!, typeId);
    const opensOn = addDays(issued.validUntil, -90);
    const early = await renew(doctor, { credentialId: issued.id });
    expectProblem(early, 409, 'renewal-window-closed');
    expect(early.body).toMatchObject({
      detail: `The renewal of Sertifikat Kompetensi (certificate of competence) ${issued.number} opens on ${opensOn}, 90 days before it ends on ${issued.validUntil}`,
      opensOn,
    });
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM renewal_requests WHERE credential_id = $1`,
      [issued.id],
    );
    expect(n).toBe(0);
    const calendar = moveCalendar(t, addDays(opensOn, -1));
    try {
      expectProblem(await renew(doctor, { credentialId: issued.id }), 409, 'renewal-window-closed');
    } finally {
      calendar.restore();
    }
  });

  it('waits for staff where the rules ask it, refuses approval while a requirement is unmet, and records a rejection', async () => {
    await t
      .http()
      .patch(`/credential-types/${yearly.id}`)
      .set('authorization', admin.bearer)
      .send({ autoRenew: false })
      .expect(200);
    try {
      const { doctor, membershipId } = await member('dr. Keputusan Staf');
      const certificate = await issue(doctor.personId!);
      const submitted = await renew(doctor, { credentialId: certificate.id }).expect(201);
      expect(submitted.body).toMatchObject({
        status: 'submitted',
        automatic: false,
        newStartsOn: null,
      });
      expectProblem(await renew(doctor, { credentialId: certificate.id }), 409, 'renewal-open');
      expectProblem(
        await post(
          `/renewals/${submitted.body.id}/decision`,
          { decision: 'approved', reason: 'ok' },
          doctor,
        ),
        403,
        'forbidden',
      );
      const approved = await post(
        `/renewals/${submitted.body.id}/decision`,
        { decision: 'approved', reason: 'Credits and standing checked by the Kolegium' },
        registrar,
      ).expect(201);
      expect(approved.body).toMatchObject({
        status: 'approved',
        automatic: false,
        reason: 'Credits and standing checked by the Kolegium',
        newStartsOn: addDays(certificate.validUntil, 1),
      });
      expectProblem(
        await post(
          `/renewals/${submitted.body.id}/decision`,
          { decision: 'rejected', reason: 'x' },
          registrar,
        ),
        409,
        'renewal-decided',
      );

      // Suspended, the member may still ask; approval is refused, naming what is unmet.
      const second = await issue(doctor.personId!);
      await post(
        `/memberships/${membershipId}/status-changes`,
        { status: 'suspended', reason: 'Suspended by the ethics council' },
        registrar,
      ).expect(201);
      const waiting = await renew(doctor, { credentialId: second.id }).expect(201);
      expect(waiting.body).toMatchObject({
        status: 'submitted',
        eligibility: { goodStanding: false, renewalReady: false },
      });
      const refused = await post(
        `/renewals/${waiting.body.id}/decision`,
        { decision: 'approved', reason: 'Approve anyway' },
        registrar,
      );
      expectProblem(refused, 422, 'renewal-requirements-unmet');
      expect(refused.body.detail).toContain('suspended');
      expect(refused.body.requirements).toEqual([
        expect.objectContaining({ requirement: 'membership', met: false }),
      ]);
      const rejected = await post(
        `/renewals/${waiting.body.id}/decision`,
        { decision: 'rejected', reason: 'Not renewed while the membership is suspended' },
        registrar,
      ).expect(201);
      expect(rejected.body).toMatchObject({ status: 'rejected', newStartsOn: null });
      const unchanged = await get(`/credentials/${second.id}`, registrar).expect(200);
      expect(unchanged.body.validUntil).toBe(second.validUntil);
    } finally {
      await t
        .http()
        .patch(`/credential-types/${yearly.id}`)
        .set('authorization', admin.bearer)
        .send({ autoRenew: true })
        .expect(200);
    }
  });

  it('makes one period of renewals of one credential that arrive together', async () => {
    const { doctor } = await member('dr. Serentak');
    const certificate = await issue(doctor.personId!);
    const answers = await sendTogetherBehindRow(t, 'credentials', certificate.id, [
      () => renew(doctor, { credentialId: certificate.id }),
      () => renew(doctor, { credentialId: certificate.id }),
      () => renew(registrar, { credentialId: certificate.id }),
      () => renew(registrar, { credentialId: certificate.id }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
    const [{ periods }] = await t.db.query<{ periods: number }[]>(
      `SELECT count(*)::int AS periods FROM credential_periods WHERE credential_id = $1`,
      [certificate.id],
    );
    expect(periods).toBe(2);
    const [{ approved }] = await t.db.query<{ approved: number }[]>(
      `SELECT count(*)::int AS approved FROM renewal_requests WHERE credential_id = $1 AND status = 'approved'`,
      [certificate.id],
    );
    expect(approved).toBe(1);
  });

  it('renews a membership: the next period from the old cover, invoiced, and the cover extends once paid', async () => {
    const { doctor, membershipId } = await member('dr. Anggota Lanjut');
    const category = await pipeline.category('ORDINARY');
    const membership = (await get(`/memberships/${membershipId}`, admin).expect(200)).body as {
      coveredUntil: string;
    };
    expectProblem(await renew(doctor, { membershipId }), 409, 'renewal-window-closed');
    await t
      .http()
      .patch(`/membership-categories/${category.id}`)
      .set('authorization', admin.bearer)
      .send({ renewalWindowDays: 400 })
      .expect(200);
    try {
      const submitted = await renew(doctor, { membershipId }).expect(201);
      expect(submitted.body).toMatchObject({
        status: 'submitted',
        endsOn: membership.coveredUntil,
      });
      const approved = await post(
        `/renewals/${submitted.body.id}/decision`,
        { decision: 'approved', reason: 'Renewed for the coming year' },
        registrar,
      ).expect(201);
      const startsOn = addDays(membership.coveredUntil, 1);
      expect(approved.body).toMatchObject({ status: 'approved', newStartsOn: startsOn });
      const invoices = await pipeline.invoicesOf(finance, doctor.personId!);
      const next = invoices.find((invoice) => invoice.status === 'unpaid')!;
      expect(next).toBeDefined();
      expect((await get(`/memberships/${membershipId}`, admin).expect(200)).body.coveredUntil).toBe(
        membership.coveredUntil,
      );
      await pipeline.pay(finance, next.id);
      expect((await get(`/memberships/${membershipId}`, admin).expect(200)).body.coveredUntil).toBe(
        approved.body.newEndsOn,
      );
      // A standing asked of the day before shows the cover as it was then.
      const before = await get(`/standing?asOf=${addDays(todayIn(t), -1)}`, doctor).expect(200);
      expect(before.body.requirements[0]).toMatchObject({ requirement: 'membership', met: false });
    } finally {
      await t
        .http()
        .patch(`/membership-categories/${category.id}`)
        .set('authorization', admin.bearer)
        .send({ renewalWindowDays: 90 })
        .expect(200);
    }
  });

  it('lets a member see only their own renewals, and names exactly one subject', async () => {
    const { doctor } = await member('dr. Milik Sendiri');
    const other = await loginAs(t, 'member', 'dr. Orang Lain');
    const certificate = await issue(doctor.personId!);
    const renewed = await renew(doctor, { credentialId: certificate.id }).expect(201);
    expectProblem(await get(`/renewals/${renewed.body.id}`, other), 404, 'not-found');
    expectProblem(await renew(other, { credentialId: certificate.id }), 404, 'not-found');
    const mine = await get('/renewals', other).expect(200);
    expect(mine.body.items).toEqual([]);
    expect((await get('/renewals', doctor).expect(200)).body.items).toHaveLength(1);
    expectProblem(await renew(doctor, {}), 400, 'validation-failed');
    expectProblem(
      await renew(doctor, { credentialId: certificate.id, membershipId: certificate.id }),
      400,
      'validation-failed',
    );
  });
});

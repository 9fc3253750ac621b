import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { asBuffer } from 'test/support/binary';
import { moveCalendar } from 'test/support/calendar';
import { approvedClaim } from 'test/support/cpd';
import { credentialTypeIds, expectProblem, recordVerifiedCredential } from 'test/support/factories';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * A CPD audit draws a share of a policy's holders from a stored seed; a picked member's credit
 * without evidence is removed and stops counting everywhere; the outcome is kept per person.
 */
describe('CPD audits', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let registrar: SignedIn;
  const holders: SignedIn[] = [];
  let sip: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  const permit = (personId: string, validFrom = '2025-01-01') =>
    recordVerifiedCredential(t, registrar, {
      personId,
      credentialTypeId: sip,
      validFrom,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
    });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'cpd_officer');
    registrar = await loginAs(t, 'registrar');
    sip = (await credentialTypeIds(t, registrar)).SIP;
    for (let i = 1; i <= 8; i++) {
      const holder = await loginAs(t, 'member', `dr. Pemegang SIP ${i}`);
      await permit(holder.personId!);
      holders.push(holder);
    }
  });
  afterAll(() => t.close());

  const byPerson = (members: { personId: string }[]) => members.map((member) => member.personId);

  it('draws the same people again from the same seed', async () => {
    const first = await post(
      '/cpd/audits',
      { policy: 'SKP_SIP', sharePercent: 25, seed: 'audit-2026' },
      officer,
    ).expect(201);
    expect(first.body).toMatchObject({ policy: 'SKP_SIP', seed: 'audit-2026', population: 8 });
    expect(first.body.members).toHaveLength(2);
    const again = await post(
      '/cpd/audits',
      { policy: 'SKP_SIP', sharePercent: 25, seed: 'audit-2026' },
      officer,
    ).expect(201);
    expect(byPerson(again.body.members)).toEqual(byPerson(first.body.members));
    // Without a seed one is made, stored and shown: drawing with it picks the same people.
    const fresh = await post(
      '/cpd/audits',
      { policy: 'SKP_SIP', sharePercent: 50 },
      officer,
    ).expect(201);
    expect(fresh.body.seed).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const replay = await post(
      '/cpd/audits',
      { policy: 'SKP_SIP', sharePercent: 50, seed: fresh.body.seed },
      officer,
    ).expect(201);
    expect(byPerson(replay.body.members)).toEqual(byPerson(fresh.body.members));
    expect((await get(`/cpd/audits/${fresh.body.id}`, officer).expect(200)).body).toEqual(
      fresh.body,
    );

    expectProblem(
      await post('/cpd/audits', { policy: 'SKP_SIP_REMOTE', sharePercent: 5 }, officer),
      422,
      'cpd-policy-not-audited',
    );
    expectProblem(
      await post('/cpd/audits', { policy: 'SKP_SIP', sharePercent: 0 }, officer),
      400,
      'validation-failed',
    );
    for (const who of [registrar, holders[0]]) {
      expectProblem(
        await post('/cpd/audits', { policy: 'SKP_SIP', sharePercent: 5 }, who),
        403,
        'forbidden',
      );
    }
  });

  it('removes a credit the evidence does not bear out from every obligation, and keeps the outcome per person', async () => {
    const drawn = await post(
      '/cpd/audits',
      { policy: 'SKP_SIP', sharePercent: 12.5, seed: 'remove-test' },
      officer,
    ).expect(201);
    const [pickedId] = byPerson(drawn.body.members);
    const picked = holders.find((holder) => holder.personId === pickedId)!;
    const notPicked = holders.find((holder) => holder.personId !== pickedId)!;
    // A second practice permit: the credit counts toward both cycles.
    await permit(pickedId, '2025-06-01');
    const claim = async (who: SignedIn) => {
      await approvedClaim(t, officer, {
        personId: who.personId,
        title: 'Seminar abroad',
        domain: 'learning',
        category: 'seminar',
        earnedOn: '2026-02-01',
        credits: 4,
      });
      const transcript = (await get('/cpd/transcript', who).expect(200)).body;
      return transcript.credits[0].id as string;
    };
    const creditId = await claim(picked);
    const learning = async () =>
      (
        (await get('/cpd/transcript', picked).expect(200)).body.obligations as {
          domains: { counted: number }[];
        }[]
      ).map((obligation) => obligation.domains[0].counted);
    expect(await learning()).toEqual([4, 4]);

    // The member sends their certificate; only they and CPD staff see it.
    await t
      .http()
      .post(`/cpd/credits/${creditId}/evidence`)
      .set('authorization', picked.bearer)
      .attach('file', PDF, 'certificate.pdf')
      .expect(201);
    await get(`/cpd/credits/${creditId}/evidence`, notPicked).expect(404);
    const [certificate] = (await get(`/cpd/credits/${creditId}/evidence`, officer).expect(200))
      .body;
    expect(certificate.downloadUrl).toBe(
      `/cpd/credits/${creditId}/evidence/${certificate.id}/content`,
    );
    const file = await get(certificate.downloadUrl, officer)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
    await get(certificate.downloadUrl, notPicked).expect(404);

    const remove = (
      id: string,
      body: object = { reason: 'The certificate is for another seminar' },
    ) => post(`/cpd/audits/${drawn.body.id}/credits/${id}/removal`, body, officer);
    expectProblem(await remove(creditId, {}), 400, 'validation-failed');
    await remove(creditId).expect(200);
    expect(await learning()).toEqual([0, 0]);
    expectProblem(await remove(creditId), 409, 'cpd-credit-removed');
    // Someone the audit did not pick is not its to touch.
    const otherCredit = await claim(notPicked);
    expectProblem(await remove(otherCredit), 404, 'not-found');

    const decide = (body: object) =>
      post(`/cpd/audits/${drawn.body.id}/members/${pickedId}/outcome`, body, officer);
    const failed = await decide({
      outcome: 'failed',
      reason: 'One credit without evidence',
    }).expect(200);
    expect(failed.body.members).toEqual([
      { personId: pickedId, outcome: 'failed', outcomeReason: 'One credit without evidence' },
    ]);
    expectProblem(await decide({ outcome: 'passed', reason: 'Changed' }), 409, 'cpd-audit-decided');
  });

  it('reports who is behind on a policy, with figures, as JSON or every one as streamed CSV', async () => {
    // One holder is up to date: a permit whose cycle began under the legacy rule, in IDI's
    // proportions (learning and professional service 40-50% each, community 5-15%).
    const done = await loginAs(t, 'member', 'dr. Lengkap');
    const doneSip = await permit(done.personId!, '2023-06-01');
    for (const [domain, credits] of [
      ['learning', 125],
      ['professional', 112.5],
      ['community', 12.5],
    ] as const) {
      const filed = await post(
        '/cpd/claims',
        {
          personId: done.personId,
          title: `${domain} record`,
          domain,
          category: 'course',
          earnedOn: '2024-05-01',
          credits,
        },
        officer,
      ).expect(201);
      await post(
        `/cpd/claims/${filed.body.id}/decision`,
        { decision: 'approved', reason: 'Verified' },
        officer,
      ).expect(200);
    }

    const all = await get('/cpd/compliance?policy=SKP_SIP&limit=1000', officer).expect(200);
    expect(all.body.truncated).toBe(false);
    const numbers = all.body.items.map((row: { credentialNumber: string }) => row.credentialNumber);
    expect(numbers).not.toContain(doneSip.number);
    expect(numbers).toEqual([...numbers].sort());
    expect(all.body.items.length).toBeGreaterThanOrEqual(8);
    expect(all.body.items[0]).toMatchObject({
      policyVersion: '2024-01-01',
      required: 250,
      shortfalls: expect.arrayContaining([
        expect.stringMatching(/^total \d+(\.\d+)?\/250 credits$/),
      ]),
    });
    const some = await get('/cpd/compliance?policy=SKP_SIP&limit=3', officer).expect(200);
    expect(some.body).toMatchObject({ truncated: true });
    expect(some.body.items).toEqual(all.body.items.slice(0, 3));

    const csv = await get('/cpd/compliance?policy=SKP_SIP', officer)
      .set('accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'credentialNumber,memberNumber,fullName,personId,policyVersion,startsOn,endsOn,required,counted,remaining,shortfalls',
    );
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(numbers);

    expectProblem(await get('/cpd/compliance?policy=NOPE', officer), 422, 'cpd-policy-not-audited');
    expectProblem(await get('/cpd/compliance?policy=SKP_SIP', registrar), 403, 'forbidden');
  });

  it('reports the figures the transcript shows, where a category cap binds and a year falls short', async () => {
    // Read early in the cycle's third year: its first two years have ended and are judged.
    const calendar = moveCalendar(t, '2027-02-01');
    await post('/cpd/policies', {
      code: 'SKP_CAPPED',
      name: 'Seminars capped, learning every year',
      effectiveFrom: '2020-01-01',
      credentialTypeCode: 'SIP',
      rules: {
        cycleMonths: 60,
        totalCredits: 40,
        domains: [
          { code: 'learning', name: 'Learning', sharePercent: 50 },
          { code: 'professional', name: 'Service', sharePercent: 50 },
        ],
        yearlyMinimum: { domain: 'learning', percentOfDomain: 20 },
        categoryCaps: [{ category: 'seminar', capCredits: 10 }],
      },
    }).expect(201);
    const earn = (
      who: SignedIn,
      earnedOn: string,
      category: string,
      credits: number,
      domain = 'learning',
    ) =>
      approvedClaim(t, officer, {
        personId: who.personId,
        title: 'On record',
        domain,
        category,
        earnedOn,
        credits,
      });
    // The cap keeps later seminars out, whatever their domain: counted in the order earned, the
    // professional seminar comes first and leaves learning 2 of its 8, and both years fall short.
    const capped = await loginAs(t, 'member', 'dr. Seminar');
    await permit(capped.personId!);
    await earn(capped, '2025-02-01', 'seminar', 8, 'professional');
    await earn(capped, '2025-03-01', 'seminar', 8);
    await earn(capped, '2026-03-01', 'seminar', 8);
    await earn(capped, '2026-04-01', 'course', 1.5);
    const spread = await loginAs(t, 'member', 'dr. Merata');
    await permit(spread.personId!);
    await earn(spread, '2025-01-01', 'course', 2.25);
    await earn(spread, '2025-12-31', 'seminar', 0.1);
    await earn(spread, '2026-01-01', 'seminar', 0.2);

    const report = await get('/cpd/compliance?policy=SKP_CAPPED&limit=1000', officer).expect(200);
    for (const who of [capped, spread]) {
      const transcript = await get(`/cpd/transcript?personId=${who.personId}`, officer).expect(200);
      const obligation = transcript.body.obligations.find(
        (o: { policy: string }) => o.policy === 'SKP_CAPPED',
      );
      const row = report.body.items.find(
        (item: { personId: string }) => item.personId === who.personId,
      );
      expect(row).toMatchObject({
        counted: obligation.counted,
        remaining: obligation.remaining,
        shortfalls: obligation.shortfalls,
      });
    }
    expect(
      report.body.items.find((item: { personId: string }) => item.personId === capped.personId)
        .shortfalls,
    ).toEqual(
      expect.arrayContaining([
        'learning in year 1 (2025-01-01 to 2025-12-31) 2/4 credits',
        'learning in year 2 (2026-01-01 to 2026-12-31) 1.5/4 credits',
      ]),
    );
    calendar.restore();
  });
});

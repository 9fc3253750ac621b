import { gunzipSync } from 'node:zlib';
import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { sendTogetherBehindRow } from 'test/support/concurrency';
import { auditRowsFor, expectProblem, newPerson } from 'test/support/factories';
import { freePort } from 'test/support/process';

/**
 * A grade upgraded (an engineer's IPP to IPM): the new credential supersedes the old, which reads
 * `superseded` and points to its successor everywhere, and is neither in force, nor a sanction,
 * nor held against the engineer's standing or renewal once its end date passes.
 */
describe('a credential superseded by a later one', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  const types: Record<string, string> = {};

  const post = poster(
    () => t,
    () => admin,
  );
  const issue = (body: Record<string, unknown>) =>
    t.http().post('/credentials/issue').set('authorization', registrar.bearer).send(body);
  const credential = (id: string) =>
    t.http().get(`/credentials/${id}`).set('authorization', registrar.bearer).expect(200);
  const credentialCount = async (personId: string) =>
    (
      await t.db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM credentials WHERE person_id = $1',
        [personId],
      )
    )[0].n;

  beforeAll(async () => {
    const port = await freePort();
    t = await createTestApp({ settings: { publicBaseUrl: `http://127.0.0.1:${port}` } });
    await t.app.listen(port, '127.0.0.1');
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    const profession = (await post('/professions', { code: 'TEKNIK', name: 'Teknik' }).expect(201))
      .body.id;
    for (const code of ['IPP', 'IPM']) {
      types[code] = (
        await post('/credential-types', {
          code,
          name: `Insinyur Profesional ${code}`,
          professionId: profession,
          issuerKind: 'association',
          issuingAuthority: 'Persatuan Insinyur Indonesia',
          validityMonths: 60,
          numberFormat: `${code}-{YYYY}-{SEQ:5}`,
          maxActivePerPerson: 1,
        }).expect(201)
      ).body.id;
    }
    types.other = (
      await post('/credential-types', {
        code: 'ARSITEK',
        name: 'Sertifikat Arsitek',
        professionId: (await post('/professions', { code: 'ARS', name: 'Arsitek' }).expect(201))
          .body.id,
        issuerKind: 'association',
        issuingAuthority: 'Ikatan Arsitek Indonesia',
        validityMonths: 60,
        numberFormat: 'ARS-{SEQ:5}',
      }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('reads the old grade superseded, pointing to the new, in the record, the public answer and standing', async () => {
    const engineer = await newPerson(t, registrar);
    const today = todayIn(t);
    const ipp = (
      await issue({
        personId: engineer.id,
        credentialTypeId: types.IPP,
        validFrom: addDays(today, -30),
      }).expect(201)
    ).body;
    const vc = await t
      .http()
      .get(`/credentials/${ipp.id}/vc`)
      .set('authorization', registrar.bearer)
      .expect(200);
    const ipm = (
      await issue({
        personId: engineer.id,
        credentialTypeId: types.IPM,
        supersedes: ipp.id,
      }).expect(201)
    ).body;
    expect(ipm).toMatchObject({ status: 'active', supersededBy: null });

    const old = (await credential(ipp.id)).body;
    expect(old).toMatchObject({
      status: 'superseded',
      statusReason: `Superseded by IPM ${ipm.number}`,
      supersededBy: { id: ipm.id, number: ipm.number },
    });
    expect(old.events.map((e: { event: string }) => e.event)).toEqual(['issued', 'superseded']);
    expect(await auditRowsFor(t, 'credential', ipp.id)).toEqual([
      expect.objectContaining({ action: 'credential.issued' }),
      expect.objectContaining({
        action: 'credential.superseded',
        before: { status: 'active' },
        after: { status: 'superseded', supersededBy: ipm.number },
      }),
    ]);

    // The public answer: superseded, its successor named, and no sanction.
    const answer = (await t.http().get(`/public/credentials/${ipp.number}`).expect(200)).body;
    expect(answer).toMatchObject({
      status: 'superseded',
      statusText: 'Superseded: replaced by a later credential',
      supersededBy: ipm.number,
      sanctions: [],
      holderSanctions: [],
    });
    const page = await t.http().get(`/verify/${ipp.number}`).expect(200);
    expect(page.text).toContain('Superseded. This credential was replaced by a later one');
    expect(page.text).toContain(`href="/verify/${ipm.number}"`);

    // A verifier holding the old VC learns it is no longer to be relied on; no new VC is made.
    const list = await t.http().get('/status/revocation/1').expect(200);
    const bits = gunzipSync(
      Buffer.from((list.body.credentialSubject.encodedList as string).slice(1), 'base64url'),
    );
    const index = Number(vc.body.credentialStatus[0].statusListIndex);
    expect((bits[index >> 3] & (0x80 >> (index & 7))) !== 0).toBe(true);
    expectProblem(
      await t.http().get(`/credentials/${ipp.id}/vc`).set('authorization', registrar.bearer),
      404,
      'not-found',
    );

    // Standing counts the new grade alone, and still does once the old one's end date is past.
    for (const day of [today, '2032-06-01']) {
      const calendar = moveCalendar(t, day);
      try {
        const standing = await t
          .http()
          .get('/standing')
          .query({ personId: engineer.id })
          .set('authorization', registrar.bearer)
          .expect(200);
        const named = standing.body.requirements.map((r: { requirement: string }) => r.requirement);
        expect(named).not.toContain('credential:IPP');
        expect(named).toContain('credential:IPM');
        expect((await credential(ipp.id)).body.status).toBe('superseded');
      } finally {
        calendar.restore();
      }
    }
    // As of the day before the upgrade, history still reads the old grade as it was then.
    const before = await t
      .http()
      .get('/standing')
      .query({ personId: engineer.id, asOf: addDays(today, -1) })
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(
      before.body.requirements.filter((r: { requirement: string }) =>
        r.requirement.startsWith('credential:'),
      ),
    ).toEqual([expect.objectContaining({ requirement: 'credential:IPP', met: true })]);
  });

  it('refuses to supersede another person’s credential, another profession’s, or one not in force, changing nothing', async () => {
    const engineer = await newPerson(t, registrar);
    const stranger = await newPerson(t, registrar);
    const theirs = (await issue({ personId: stranger.id, credentialTypeId: types.IPP }).expect(201))
      .body;
    const architect = (
      await issue({ personId: engineer.id, credentialTypeId: types.other }).expect(201)
    ).body;
    const ipp = (await issue({ personId: engineer.id, credentialTypeId: types.IPP }).expect(201))
      .body;
    await t
      .http()
      .post(`/credentials/${ipp.id}/suspend`)
      .set('authorization', registrar.bearer)
      .send({ reason: 'Under review by the council' })
      .expect(200);
    const held = await credentialCount(engineer.id);
    for (const [supersedes, detail] of [
      [theirs.id, /is not one of this person's/],
      [architect.id, /another profession/],
      [ipp.id, /is suspended/],
    ] as const) {
      const refused = await issue({
        personId: engineer.id,
        credentialTypeId: types.IPM,
        supersedes,
      });
      expectProblem(refused, 409, 'supersede-refused');
      expect(refused.body.detail).toMatch(detail);
      expect(refused.body.errors).toEqual([{ field: 'supersedes', message: expect.any(String) }]);
    }
    expect(await credentialCount(engineer.id)).toBe(held);
    expect((await credential(theirs.id)).body.status).toBe('active');
  });

  it('lets a registration of the same type replace one under the cap of one per person', async () => {
    const engineer = await newPerson(t, registrar);
    const first = (await issue({ personId: engineer.id, credentialTypeId: types.IPP }).expect(201))
      .body;
    expectProblem(
      await issue({ personId: engineer.id, credentialTypeId: types.IPP }),
      409,
      'credential-limit-reached',
    );
    const second = (
      await issue({ personId: engineer.id, credentialTypeId: types.IPP, supersedes: first.id })
    ).body;
    expect(second.status).toBe('active');
    expect((await credential(first.id)).body.status).toBe('superseded');
  });

  it('lets only one of two upgrades sent together supersede the same credential', async () => {
    const engineer = await newPerson(t, registrar);
    const ipp = (await issue({ personId: engineer.id, credentialTypeId: types.IPP }).expect(201))
      .body;
    const answers = await sendTogetherBehindRow(t, 'credentials', ipp.id, [
      () => issue({ personId: engineer.id, credentialTypeId: types.IPM, supersedes: ipp.id }),
      () => issue({ personId: engineer.id, credentialTypeId: types.IPM, supersedes: ipp.id }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.detail).toMatch(/is superseded/);
    const successors = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM credentials WHERE person_id = $1 AND credential_type_id = $2`,
      [engineer.id, types.IPM],
    );
    expect(successors[0].n).toBe(1);
  });
});

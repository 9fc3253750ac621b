import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import {
  credentialTypeIds,
  issueCredential,
  recordVerifiedCredential,
} from 'test/support/factories';
import { WAIVED, lodgeComplaint, notifyRespondent } from 'test/support/cases';
import { Pipeline } from 'test/support/membership';

/**
 * A use case never borrows a second connection while it holds one: on an app whose pool has a
 * single connection, the write paths that cross modules all succeed. One that borrowed would wait
 * for itself until the pool's wait ran out, and answer 503.
 */
describe('the write paths that cross modules, on a pool of one connection', () => {
  let t: TestApp;
  let admin: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;
  const post = poster(
    () => t,
    () => admin,
  );

  const memberNumberOf = async (membershipId: string) =>
    (await t.http().get(`/memberships/${membershipId}`).set('authorization', admin.bearer)).body
      .memberNumber as string;

  beforeAll(async () => {
    t = await createTestApp({ settings: { databasePoolSize: 1 } });
    admin = await loginAsAdmin(t);
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
  });
  afterAll(() => t.close());

  it('admits, takes payment, issues, and makes a sanction final', async () => {
    // Approval (membership, dues, requirements) and payment (dues, membership cover).
    const { doctor, membershipId } = await pipeline.memberInGoodStanding(
      finance,
      chapterId,
      'dr. Satu Koneksi',
    );
    const certificate = await issueCredential(t, admin, doctor.personId!);
    const { memberNumber } = (
      await t.http().get(`/memberships/${membershipId}`).set('authorization', admin.bearer)
    ).body;
    const { caseId } = await lodgeComplaint(t, memberNumber);
    for (const to of ['screening', 'investigation', 'hearing']) {
      if (to === 'hearing') await notifyRespondent(t, admin, caseId);
      await post(`/cases/${caseId}/moves`, { to, reason: `On to ${to}` }).expect(201);
    }
    await post(`/cases/${caseId}/moves`, {
      to: 'decided',
      reason: 'Suspended',
      sanctions: [{ type: 'SKORSING', months: 3 }],
    }).expect(201);
    await post(`/cases/${caseId}/moves`, { to: 'final', reason: 'No appeal', ...WAIVED }).expect(
      201,
    );
    const answer = await t.http().get(`/public/credentials/${certificate.number}`).expect(200);
    expect(answer.body.status).toBe('suspended');
  });

  it("records a provider's roster by member number", async () => {
    const today = todayIn(t);
    const { membershipId } = await pipeline.memberInGoodStanding(finance, chapterId, 'dr. Hadir');
    const { memberNumber } = (
      await t.http().get(`/memberships/${membershipId}`).set('authorization', admin.bearer)
    ).body;
    const provider = await post('/cpd/providers', {
      name: 'IDI Cabang Bandung',
      accreditedFrom: addDays(today, -30),
      accreditedUntil: addDays(today, 30),
    }).expect(201);
    const activity = await post('/cpd/activities', {
      providerId: provider.body.id,
      title: 'Simposium Jantung',
      domain: 'learning',
      category: 'seminar',
      credits: 4,
      startsOn: addDays(today, -2),
      endsOn: addDays(today, -1),
      online: true,
    }).expect(201);
    const roster = await t
      .http()
      .post(`/cpd/activities/${activity.body.id}/attendance`)
      .set('x-api-key', provider.body.apiKey)
      .send({ attendees: [{ number: memberNumber }] })
      .expect(200);
    expect(roster.body).toEqual({ recorded: 1, alreadyRecorded: 0 });
  });

  it('takes an appeal to its decision, which changes the sanction that takes effect', async () => {
    const { doctor, membershipId } = await pipeline.memberInGoodStanding(
      finance,
      chapterId,
      'dr. Banding Satu',
    );
    const certificate = await issueCredential(t, admin, doctor.personId!);
    const { caseId } = await lodgeComplaint(t, await memberNumberOf(membershipId));
    for (const to of ['screening', 'investigation', 'hearing']) {
      if (to === 'hearing') await notifyRespondent(t, admin, caseId);
      await post(`/cases/${caseId}/moves`, { to, reason: `On to ${to}` }).expect(201);
    }
    await post(`/cases/${caseId}/moves`, {
      to: 'decided',
      reason: 'Expelled',
      sanctions: [{ type: 'PEMECATAN' }],
    }).expect(201);
    const lodged = await post(`/cases/${caseId}/moves`, { to: 'appeal', reason: 'Appealed' });
    expect(lodged.status).toBe(201);
    const appealId = lodged.body.appealCaseId as string;
    await post(`/cases/${appealId}/moves`, { to: 'hearing', reason: 'Heard' }).expect(201);
    await post(`/cases/${appealId}/moves`, {
      to: 'appeal_decided',
      reason: 'Too heavy for a first offence',
      outcome: 'changed',
      sanctions: [{ type: 'SKORSING', months: 3 }],
    }).expect(201);
    await post(`/cases/${appealId}/moves`, { to: 'final', reason: 'Final' }).expect(201);
    const answer = await t.http().get(`/public/credentials/${certificate.number}`).expect(200);
    expect(answer.body.status).toBe('suspended');
  });

  it('renews a membership in its window and takes the dues that extend its cover', async () => {
    const { doctor, membershipId } = await pipeline.memberInGoodStanding(
      finance,
      chapterId,
      'dr. Perpanjang',
    );
    const before = (
      await t.http().get(`/memberships/${membershipId}`).set('authorization', admin.bearer)
    ).body;
    const inWindow = moveCalendar(t, addDays(before.coveredUntil as string, -10));
    try {
      const renewal = await t
        .http()
        .post('/renewals')
        .set('authorization', doctor.bearer)
        .send({ membershipId })
        .expect(201);
      if (renewal.body.status === 'submitted') {
        await post(`/renewals/${renewal.body.id}/decision`, {
          decision: 'approved',
          reason: 'Renewed',
        }).expect(201);
      }
      for (const invoice of await pipeline.invoicesOf(finance, doctor.personId!)) {
        if (invoice.status !== 'paid') await pipeline.pay(finance, invoice.id);
      }
      const after = (
        await t.http().get(`/memberships/${membershipId}`).set('authorization', admin.bearer)
      ).body;
      expect(after.coveredUntil > before.coveredUntil).toBe(true);
    } finally {
      inWindow.restore();
    }
  });

  it('imports a register, people, memberships and credentials in one transaction', async () => {
    const code = (await pipeline.chapter()).code;
    const csv = [
      'full_name,national_id,email,chapter_code,category_code,member_number,member_since,covered_until,status,credential_type,credential_number,credential_valid_from',
      `Anggota Satu,3171990000000001,satu@example.org,${code},ORDINARY,,2019-03-01,2099-12-31,active,STR,STR-ONE-1,2019-01-15`,
      `Anggota Dua,3171990000000002,dua@example.org,${code},ORDINARY,,2019-03-01,2099-12-31,active,STR,STR-ONE-2,2019-01-15`,
    ].join('\r\n');
    const done = await t
      .http()
      .post('/memberships/imports')
      .set('authorization', admin.bearer)
      .set('content-type', 'text/csv')
      .send(`${csv}\r\n`)
      .expect(201);
    expect(done.body).toMatchObject({
      status: 'committed',
      created: { people: 2, memberships: 2, credentials: 2 },
    });
  });

  it('turns approved volunteer hours into CPD credits the volunteer accepts', async () => {
    const today = todayIn(t);
    const coordinator = await loginAs(t, 'volunteer_coordinator');
    const { doctor } = await pipeline.memberInGoodStanding(finance, chapterId, 'dr. Relawan');
    const { SIP } = await credentialTypeIds(t, admin);
    await recordVerifiedCredential(t, admin, {
      personId: doctor.personId!,
      credentialTypeId: SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: addDays(today, -60),
    });
    const program = await post(
      '/volunteering/programs',
      {
        title: 'Bakti Sosial Satu Koneksi',
        description: 'Free check-ups',
        cause: 'Rural health',
        chapterId,
        place: 'Waingapu',
        startsOn: addDays(today, -10),
        endsOn: addDays(today, 30),
        openTo: 'anyone',
      },
      coordinator,
    ).expect(201);
    const applied = await post(`/volunteering/programs/${program.body.id}/volunteers`, {}, doctor);
    expect(applied.status).toBe(201);
    await post(
      `/volunteering/volunteers/${applied.body.id}/decision`,
      { decision: 'approved' },
      coordinator,
    ).expect(201);
    const logged = await post(
      `/volunteering/volunteers/${applied.body.id}/hours`,
      { workedOn: addDays(today, -2), hours: 6, note: 'Triage' },
      doctor,
    ).expect(201);
    await post(
      `/volunteering/hours/${logged.body.id}/decision`,
      { decision: 'approved' },
      coordinator,
    ).expect(201);
    const proposals = await t
      .http()
      .get('/volunteering/credit-proposals')
      .set('authorization', doctor.bearer)
      .expect(200);
    await post(
      `/volunteering/credit-proposals/${proposals.body.items[0].id}/decision`,
      { decision: 'accepted' },
      doctor,
    ).expect(201);
    const transcript = await t
      .http()
      .get('/cpd/transcript')
      .set('authorization', doctor.bearer)
      .expect(200);
    expect(transcript.body.credits).toEqual([
      expect.objectContaining({ credits: 3, source: 'volunteering' }),
    ]);
  });
});

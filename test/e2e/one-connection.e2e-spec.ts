import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { todayIn } from 'test/support/calendar';
import { issueCredential } from 'test/support/factories';
import { lodgeComplaint } from 'test/support/cases';
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
      await post(`/cases/${caseId}/moves`, { to, reason: `On to ${to}` }).expect(201);
    }
    await post(`/cases/${caseId}/moves`, {
      to: 'decided',
      reason: 'Suspended',
      sanctions: [{ type: 'SKORSING', months: 3 }],
    }).expect(201);
    await post(`/cases/${caseId}/moves`, { to: 'final', reason: 'No appeal' }).expect(201);
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
});

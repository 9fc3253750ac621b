import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, login, poster, type SignedIn } from 'test/support/actors';
import { expectProblem, newPerson } from 'test/support/factories';
import { lodgeComplaint } from 'test/support/cases';
import { Pipeline } from 'test/support/membership';

/**
 * An officer with a conflict of interest is kept off a case: one who declares it, and (where the
 * association says so, ETHICS_RECUSE_SAME_CHAPTER) one who belongs to the respondent's chapter.
 */
describe('recusal from an ethics case', () => {
  let t: TestApp;
  let admin: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let caseId: string;
  const chapters: Record<string, string> = {};

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);

  /** An ethics officer who is also a member of the association, in a chapter. */
  const officerIn = async (chapter: string, name: string): Promise<SignedIn> => {
    const person = await newPerson(t, admin, { fullName: name });
    await pipeline.admitted(finance, { personId: person.id } as SignedIn, chapters[chapter]);
    const email = `${name.replace(/\W+/g, '-').toLowerCase()}@guildhall.test`;
    await post('/accounts', {
      email,
      password: 'officer-password-123',
      displayName: name,
      roles: ['ethics_officer'],
      personId: person.id,
    }).expect(201);
    return login(t, email, 'officer-password-123');
  };

  beforeAll(async () => {
    t = await createTestApp({ settings: { ethicsRecuseSameChapter: true } });
    admin = await loginAsAdmin(t);
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapters.JKT = (await pipeline.chapter('JKT')).id;
    chapters.SBY = (await pipeline.chapter('SBY')).id;
    const respondent = await loginAs(t, 'member', 'dr. Responden');
    const membershipId = await pipeline.admitted(finance, respondent, chapters.JKT);
    const { memberNumber } = (await get(`/memberships/${membershipId}`, admin).expect(200)).body;
    caseId = (await lodgeComplaint(t, memberNumber, 'Refused to see a patient in an emergency'))
      .caseId;
  });
  afterAll(() => t.close());

  it('keeps an officer of the respondent’s chapter off the case', async () => {
    const sameChapter = await officerIn('JKT', 'Officer Jakarta');
    const refused = await post(`/cases/${caseId}/assignments`, {
      accountId: sameChapter.accountId,
    });
    expectProblem(refused, 409, 'officer-recused');
    expect(refused.body.detail).toContain("they belong to the respondent's chapter");
    expectProblem(await get(`/cases/${caseId}`, sameChapter), 404, 'not-found');
  });

  it('takes an officer who declares a conflict off the case for good, with the reason on the timeline', async () => {
    const officer = await officerIn('SBY', 'Officer Surabaya');
    await post(`/cases/${caseId}/assignments`, { accountId: officer.accountId }).expect(201);
    await get(`/cases/${caseId}`, officer).expect(200);

    const declared = await post(
      `/cases/${caseId}/recusals`,
      { reason: 'The respondent is my brother-in-law' },
      officer,
    ).expect(201);
    expect(declared.body).toMatchObject({
      caseId,
      accountId: officer.accountId,
      reason: 'The respondent is my brother-in-law',
    });
    expectProblem(await get(`/cases/${caseId}`, officer), 404, 'not-found');
    expectProblem(
      await post(`/cases/${caseId}/moves`, { to: 'screening', reason: 'Go on' }, officer),
      404,
      'not-found',
    );
    expect((await get('/cases', officer).expect(200)).body.items).toEqual([]);

    const seen = await get(`/cases/${caseId}`, admin).expect(200);
    expect(seen.body.assignments).toEqual([]);
    expect(seen.body.timeline.at(-1)).toMatchObject({
      kind: 'recused',
      text: 'The respondent is my brother-in-law',
      subjectAccountId: officer.accountId,
      confidential: true,
    });
    const again = await post(`/cases/${caseId}/assignments`, { accountId: officer.accountId });
    expectProblem(again, 409, 'officer-recused');
    expect(again.body.detail).toContain('they declared a conflict of interest');
  });
});

import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { WAIVED, lodgeComplaint, notifyRespondent } from 'test/support/cases';
import { expectFieldErrors, expectProblem } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/**
 * The procedure's steps in their order, as PROSEDUR-2020 sets them: no hearing or decision
 * before the respondent is notified (or the reason no notice could be served is recorded), an
 * appeal only within its window of 14 days (or after an extension with its reason), a decision
 * final only once the window has closed (or earlier with the respondent's written waiver), and a
 * clock whose step can no longer happen stopped, not overdue. The tests move the calendar.
 */
describe('the ethics procedure, step by step', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  const move = (caseId: string, body: object) => post(`/cases/${caseId}/moves`, body, officer);
  const view = async (caseId: string) => (await get(`/cases/${caseId}`, officer).expect(200)).body;

  /** A case about a new member, investigated: the respondent not yet notified. */
  const investigated = async (name: string) => {
    const respondent = await loginAs(t, 'member', name);
    const membershipId = await pipeline.admitted(finance, respondent, chapterId);
    const { memberNumber } = (await get(`/memberships/${membershipId}`, admin).expect(200)).body;
    const { caseId } = await lodgeComplaint(t, memberNumber);
    await post(`/cases/${caseId}/assignments`, { accountId: officer.accountId }).expect(201);
    for (const to of ['screening', 'investigation']) {
      await move(caseId, { to, reason: `On to ${to}` }).expect(201);
    }
    return { caseId, respondent };
  };
  /** Investigated, notified, heard and decided with a written reprimand. */
  const decided = async (name: string) => {
    const found = await investigated(name);
    await notifyRespondent(t, officer, found.caseId);
    await move(found.caseId, { to: 'hearing', reason: 'Heard' }).expect(201);
    await move(found.caseId, {
      to: 'decided',
      reason: 'Written reprimand',
      sanctions: [{ type: 'TEGURAN_TERTULIS' }],
    }).expect(201);
    return found;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'ethics_officer');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
  });
  afterAll(() => t.close());

  it('holds a hearing only once the respondent was notified, or the reason none could be served is recorded', async () => {
    const { caseId } = await investigated('dr. Belum Diberitahu');
    const refused = await move(caseId, { to: 'hearing', reason: 'Heard' });
    expectProblem(refused, 409, 'notice-required');
    expect(refused.body.detail).toContain(`POST /cases/${caseId}/notices`);
    expect((await view(caseId)).status).toBe('investigation');

    await post(
      `/cases/${caseId}/notices`,
      { text: 'No address on record answers: two letters returned', served: false },
      officer,
    ).expect(201);
    await move(caseId, { to: 'hearing', reason: 'Heard without the respondent' }).expect(201);
    const after = await view(caseId);
    expect(after.timeline.map((event: { kind: string }) => event.kind)).toContain(
      'notice_unserved',
    );
    // The notice clock waits for a notice; once decided, its step can no longer happen.
    const today = todayIn(t);
    await move(caseId, { to: 'decided', reason: 'Written reprimand' }).expect(201);
    const later = moveCalendar(t, 60);
    try {
      const clocks = (await view(caseId)).clocks;
      expect(
        clocks.find((clock: { name: string }) => clock.name === 'notify-respondent'),
      ).toMatchObject({ stoppedOn: today, moot: true, overdue: false });
      // The appeal window is the clock that still counts, and it has run out unmet.
      expect(clocks.find((clock: { name: string }) => clock.name === 'appeal')).toMatchObject({
        stoppedOn: null,
        moot: false,
        overdue: true,
      });
    } finally {
      later.restore();
    }
  });

  it('makes a decision final after its appeal window, or earlier with the written waiver, kept on the timeline', async () => {
    const first = await decided('dr. Belum Final');
    const today = todayIn(t);
    const early = await move(first.caseId, { to: 'final', reason: 'No appeal' });
    expectProblem(early, 409, 'appeal-window-open');
    expect(early.body).toMatchObject({ windowClosesOn: addDays(today, 14) });
    expect(early.body.detail).toContain(addDays(today, 14));
    // The window's last day is still in it.
    const lastDay = moveCalendar(t, 14);
    try {
      expectProblem(
        await move(first.caseId, { to: 'final', reason: 'No appeal' }),
        409,
        'appeal-window-open',
      );
    } finally {
      lastDay.restore();
    }
    const after = moveCalendar(t, 15);
    try {
      await move(first.caseId, { to: 'final', reason: 'No appeal was lodged' }).expect(201);
    } finally {
      after.restore();
    }

    const waived = await decided('dr. Melepaskan Banding');
    expectFieldErrors(await move(waived.caseId, { to: 'appeal', reason: 'Appealed', ...WAIVED }), [
      {
        field: 'appealWaived',
        message: 'appealWaived goes with a decided case made final, at first instance',
      },
    ]);
    await move(waived.caseId, { to: 'final', reason: 'Waived', ...WAIVED }).expect(201);
    const timeline = (await view(waived.caseId)).timeline as { kind: string; text: string }[];
    expect(timeline.find((event) => event.kind === 'appeal_waived')).toMatchObject({
      text: WAIVED.appealWaived,
    });
  });

  it('takes an appeal within its window, and after it only once an extension is recorded with its reason', async () => {
    const { caseId, respondent } = await decided('dr. Banding Terlambat');
    const late = moveCalendar(t, 100);
    try {
      const refused = await move(caseId, { to: 'appeal', reason: 'Appealed late' });
      expectProblem(refused, 409, 'appeal-window-closed');
      expect(refused.body.detail).toContain(`/cases/${caseId}/clocks/appeal/extend`);
      expect((await view(caseId)).status).toBe('decided');
      await post(
        `/cases/${caseId}/clocks/appeal/extend`,
        { reason: 'The decision was delivered to an old address', days: 90 },
        officer,
      ).expect(201);
      const appealed = await move(caseId, { to: 'appeal', reason: 'Appealed' }).expect(201);
      expect(appealed.body.status).toBe('appeal');
      // A decided case is no longer under investigation: the respondent's standing says so.
      const standing = await get(`/cases/standing/${respondent.personId}`, respondent).expect(200);
      expect(standing.body).toMatchObject({ standing: 'good', openInvestigations: 0 });
    } finally {
      late.restore();
    }
  });
});

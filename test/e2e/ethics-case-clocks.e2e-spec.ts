import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { lodgeComplaint } from 'test/support/cases';
import { expectFieldErrors, expectProblem } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/**
 * The procedure's deadlines come from a dated version of the procedure, kept by each case from
 * its opening; staff see what is due and overdue, and pause or extend a clock only with a reason.
 * The tests move the calendar.
 */
describe('procedural clocks of an ethics case', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let respondent: SignedIn;
  let caseId: string;
  let opened: string;
  let memberNumber: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  const clocks = async () => (await get(`/cases/${caseId}`, officer).expect(200)).body.clocks;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'ethics_officer');
    const finance = await loginAs(t, 'finance');
    respondent = await loginAs(t, 'member', 'dr. Tenggat');
    const pipeline = new Pipeline(t, admin);
    const membershipId = await pipeline.admitted(
      finance,
      respondent,
      (await pipeline.chapter()).id,
    );
    ({ memberNumber } = (await get(`/memberships/${membershipId}`, admin).expect(200)).body);
    caseId = (await lodgeComplaint(t, memberNumber)).caseId;
    await post(`/cases/${caseId}/assignments`, { accountId: officer.accountId }).expect(201);
    for (const to of ['screening', 'investigation']) {
      await post(`/cases/${caseId}/moves`, { to, reason: `On to ${to}` }, officer).expect(201);
    }
    opened = todayIn(t);
  });
  afterAll(() => t.close());

  it('runs the notice clock from the receipt of the complaint, and shows it due, then overdue', async () => {
    expect(await clocks()).toEqual([
      {
        name: 'notify-respondent',
        startedOn: opened,
        dueOn: addDays(opened, 14),
        stoppedOn: null,
        moot: false,
        paused: false,
        overdue: false,
      },
    ]);
    expect((await get(`/cases/${caseId}`, respondent).expect(200)).body.clocks).toEqual([]);
    const later = moveCalendar(t, 15);
    try {
      const due = await get('/cases/due', officer).expect(200);
      expect(due.body).toEqual([
        expect.objectContaining({
          caseId,
          status: 'investigation',
          clock: expect.objectContaining({ name: 'notify-respondent', overdue: true }),
        }),
      ]);
    } finally {
      later.restore();
    }
  });

  it('pauses, resumes and extends a clock only with a reason, each moving its due date', async () => {
    expectFieldErrors(await post(`/cases/${caseId}/clocks/notify-respondent/pause`, {}, officer), [
      { field: 'reason', message: 'reason must be a string' },
      { field: 'reason', message: 'reason should not be empty' },
      { field: 'reason', message: 'reason must be shorter than or equal to 2000 characters' },
    ]);
    await post(
      `/cases/${caseId}/clocks/notify-respondent/pause`,
      { reason: 'The respondent is abroad on a humanitarian mission' },
      officer,
    ).expect(201);
    expectProblem(
      await post(`/cases/${caseId}/clocks/notify-respondent/pause`, { reason: 'Again' }, officer),
      409,
      'clock-not-running',
    );
    const fiveDaysOn = moveCalendar(t, 5);
    try {
      await post(
        `/cases/${caseId}/clocks/notify-respondent/resume`,
        { reason: 'Back in the country' },
        officer,
      ).expect(201);
      expectFieldErrors(
        await post(
          `/cases/${caseId}/clocks/notify-respondent/extend`,
          { reason: 'More time' },
          officer,
        ),
        [{ field: 'days', message: 'days is required to extend a clock' }],
      );
      await post(
        `/cases/${caseId}/clocks/notify-respondent/extend`,
        { reason: 'The address had to be traced', days: 7 },
        officer,
      ).expect(201);
      expect((await clocks())[0]).toMatchObject({
        dueOn: addDays(opened, 14 + 5 + 7),
        moot: false,
        paused: false,
      });
    } finally {
      fiveDaysOn.restore();
    }
    expectProblem(
      await post(`/cases/${caseId}/clocks/no-such-clock/pause`, { reason: 'X' }, officer),
      409,
      'clock-not-running',
    );
  });

  it('stops the clock with the notice and starts the answer clock; the case keeps its procedure', async () => {
    // The doctors' procedure: its next version is never back-dated, for what was in force on a
    // day stays what it was.
    const [{ id: professionId }] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM professions WHERE code = 'DOKTER'`,
    );
    expectFieldErrors(
      await post('/cases/procedures', {
        professionId,
        version: 'PROSEDUR-MUNDUR',
        effectiveFrom: addDays(opened, -1),
        clocks: [{ name: 'answer', days: 7, startsAt: 'notice', stopsAt: ['answer'] }],
      }),
      [
        {
          field: 'effectiveFrom',
          message: `effectiveFrom must be today (${todayIn(t)}) or later: a version is never back-dated`,
        },
      ],
    );
    await post('/cases/procedures', {
      professionId,
      version: 'PROSEDUR-BARU',
      effectiveFrom: addDays(opened, 1),
      clocks: [{ name: 'answer', days: 7, startsAt: 'notice', stopsAt: ['answer'] }],
    }).expect(201);
    expectFieldErrors(
      await post('/cases/procedures', {
        professionId,
        version: 'PROSEDUR-RUSAK',
        effectiveFrom: addDays(opened, 2),
        clocks: [{ name: 'Bad Name', days: 0, startsAt: 'notice', stopsAt: [] }],
      }),
      [
        { field: 'clocks', message: 'clocks[0].name must be lower-case letters, digits and -' },
        { field: 'clocks', message: 'clocks[0].days must be a whole number of days from 1 to 365' },
        {
          field: 'clocks',
          message: 'clocks[0].stopsAt must list the statuses or entries that meet it',
        },
      ],
    );
    await post(
      `/cases/${caseId}/notices`,
      { text: 'Notice of the investigation sent by registered mail' },
      officer,
    ).expect(201);
    const [notify, answer] = await clocks();
    expect(notify).toMatchObject({ stoppedOn: opened, overdue: false });
    // Opened under PROSEDUR-2020: 21 days to answer, not the 7 of the later version.
    expect(answer).toMatchObject({ name: 'answer', startedOn: opened, dueOn: addDays(opened, 21) });
  });

  it('counts the notice clock from the day the complaint was received, not from the investigation', async () => {
    const received = todayIn(t);
    const { caseId: later } = await lodgeComplaint(t, memberNumber, 'Prescribed without examining');
    const fourDaysOn = moveCalendar(t, 4);
    try {
      for (const to of ['screening', 'investigation']) {
        await post(`/cases/${later}/moves`, { to, reason: `On to ${to}` }).expect(201);
      }
      const found = await get(`/cases/${later}`, admin).expect(200);
      expect(found.body.clocks).toEqual([
        expect.objectContaining({
          name: 'notify-respondent',
          startedOn: received,
          dueOn: addDays(received, 14),
        }),
      ]);
    } finally {
      fourDaysOn.restore();
    }
  });
});

import { appealWindow, type ClockEvent, type ClockRule, clocksOf } from 'src/cases/case-clocks';

const RULES: ClockRule[] = [
  { name: 'notify-respondent', days: 14, startsAt: 'investigation', stopsAt: ['notice'] },
  { name: 'answer', days: 21, startsAt: 'notice', stopsAt: ['answer'] },
  { name: 'second-notice', days: 14, startsAt: 'overdue:answer', stopsAt: ['notice', 'answer'] },
  { name: 'appeal', days: 14, startsAt: 'decided', stopsAt: ['appeal', 'final'] },
];

const moved = (toStatus: ClockEvent['toStatus'], occurredOn: string): ClockEvent => ({
  kind: 'moved',
  toStatus,
  clock: null,
  days: null,
  occurredOn,
});
const entry = (
  kind: string,
  occurredOn: string,
  clock: string | null = null,
  days: number | null = null,
): ClockEvent => ({
  kind,
  toStatus: null,
  clock,
  days,
  occurredOn,
});

describe(clocksOf.name, () => {
  it('starts the notice clock with the investigation and stops it with the notice', () => {
    const events = [moved('investigation', '2026-03-01')];
    expect(clocksOf(RULES, events, '2026-03-15')).toEqual([
      {
        name: 'notify-respondent',
        startedOn: '2026-03-01',
        dueOn: '2026-03-15',
        stoppedOn: null,
        moot: false,
        paused: false,
        overdue: false,
      },
    ]);
    expect(clocksOf(RULES, events, '2026-03-16')[0].overdue).toBe(true);
    const noticed = [...events, entry('notice', '2026-03-10')];
    const clocks = clocksOf(RULES, noticed, '2026-03-20');
    expect(clocks[0]).toMatchObject({ stoppedOn: '2026-03-10', overdue: false });
    expect(clocks[1]).toMatchObject({
      name: 'answer',
      startedOn: '2026-03-10',
      dueOn: '2026-03-31',
    });
  });

  it('starts a second notice the day after the answer was due and did not come', () => {
    const events = [moved('investigation', '2026-03-01'), entry('notice', '2026-03-10')];
    expect(clocksOf(RULES, events, '2026-03-31').map((c) => c.name)).toEqual([
      'notify-respondent',
      'answer',
    ]);
    const late = clocksOf(RULES, events, '2026-04-01');
    expect(late[2]).toMatchObject({
      name: 'second-notice',
      startedOn: '2026-04-01',
      dueOn: '2026-04-15',
    });
    // An answer in time: no second notice.
    const answered = [...events, entry('answer', '2026-03-30')];
    expect(clocksOf(RULES, answered, '2026-05-01').map((c) => c.name)).toEqual([
      'notify-respondent',
      'answer',
    ]);
  });

  it('moves the due date by a pause and by an extension', () => {
    const events = [
      moved('investigation', '2026-03-01'),
      entry('clock_paused', '2026-03-05', 'notify-respondent'),
    ];
    expect(clocksOf(RULES, events, '2026-03-20')[0]).toMatchObject({
      dueOn: '2026-03-30',
      paused: true,
      overdue: false,
    });
    const resumed = [
      ...events,
      entry('clock_resumed', '2026-03-10', 'notify-respondent'),
      entry('clock_extended', '2026-03-11', 'notify-respondent', 7),
    ];
    expect(clocksOf(RULES, resumed, '2026-03-20')[0]).toMatchObject({
      dueOn: '2026-03-27',
      paused: false,
    });
  });

  it('stops a clock whose step can no longer happen: a notice once the case is decided, any clock once it is closed', () => {
    const events = [moved('investigation', '2026-03-01'), moved('hearing', '2026-03-20')];
    const decided = [...events, moved('decided', '2026-04-01')];
    const [notify] = clocksOf(RULES, decided, '2026-09-01');
    expect(notify).toMatchObject({
      name: 'notify-respondent',
      stoppedOn: '2026-04-01',
      moot: true,
      overdue: false,
    });
    // Before the decision it runs, and is overdue past its day.
    expect(clocksOf(RULES, events, '2026-03-20')[0]).toMatchObject({
      stoppedOn: null,
      moot: false,
      overdue: true,
    });
    // Met by the notice: stopped, not moot.
    expect(
      clocksOf(RULES, [...events, entry('notice', '2026-03-05')], '2026-09-01')[0],
    ).toMatchObject({ stoppedOn: '2026-03-05', moot: false });
    // Dismissed: every clock running ends there.
    const dismissed = clocksOf(
      RULES,
      [moved('investigation', '2026-03-01'), moved('dismissed', '2026-03-03')],
      '2026-09-01',
    );
    expect(dismissed[0]).toMatchObject({ stoppedOn: '2026-03-03', moot: true, overdue: false });
    // The appeal window is met by the appeal or by final, never moot while the case is decided.
    const appeal = clocksOf(RULES, decided, '2026-04-20').find((clock) => clock.name === 'appeal');
    expect(appeal).toMatchObject({
      dueOn: '2026-04-15',
      stoppedOn: null,
      moot: false,
      overdue: true,
    });
    const final = clocksOf(RULES, [...decided, moved('final', '2026-04-16')], '2026-05-01');
    expect(final.find((clock) => clock.name === 'appeal')).toMatchObject({
      stoppedOn: '2026-04-16',
      moot: false,
    });
    // A clock waiting for a status ends once the case has gone beyond it.
    const hearingClock: ClockRule[] = [
      { name: 'hear', days: 30, startsAt: 'investigation', stopsAt: ['hearing'] },
    ];
    expect(
      clocksOf(
        hearingClock,
        [moved('investigation', '2026-03-01'), moved('final', '2026-03-09')],
        '2026-06-01',
      )[0],
    ).toMatchObject({ stoppedOn: '2026-03-09', moot: true });
  });

  it("finds a decision's appeal window: the clock an appeal meets, moved by an extension", () => {
    const decided = [moved('decided', '2026-04-01')];
    expect(appealWindow(RULES, decided, '2026-04-02')).toMatchObject({
      name: 'appeal',
      dueOn: '2026-04-15',
    });
    expect(
      appealWindow(
        RULES,
        [...decided, entry('clock_extended', '2026-06-01', 'appeal', 90)],
        '2026-06-02',
      ),
    ).toMatchObject({ dueOn: '2026-07-14' });
    expect(
      appealWindow(RULES, [moved('investigation', '2026-03-01')], '2026-04-02'),
    ).toBeUndefined();
    expect(appealWindow(RULES.slice(0, 3), decided, '2026-04-02')).toBeUndefined();
    // An appeal case's own clocks are not the decision's window.
    expect(
      appealWindow(
        [
          {
            name: 'appeal',
            days: 14,
            startsAt: 'decided',
            stopsAt: ['appeal'],
            appliesTo: 'appeal',
          },
        ],
        decided,
        '2026-04-02',
      ),
    ).toBeUndefined();
  });
});

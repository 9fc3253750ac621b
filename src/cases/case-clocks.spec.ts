import {
  appealWindow,
  type ClockEvent,
  type ClockRule,
  clockRuleErrors,
  clocksOf,
} from 'src/cases/case-clocks';

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

  it('keeps a clock whose steps are several running while any of them can still happen', () => {
    // Met by an answer or an appeal: once decided, the answer has no place, the appeal has.
    const either: ClockRule[] = [
      { name: 'either', days: 10, startsAt: 'investigation', stopsAt: ['answer', 'appeal'] },
    ];
    const decided = [moved('investigation', '2026-03-01'), moved('decided', '2026-03-05')];
    expect(clocksOf(either, decided, '2026-03-06')[0]).toMatchObject({
      stoppedOn: null,
      moot: false,
    });
    expect(
      clocksOf(either, [...decided, moved('final', '2026-03-20')], '2026-03-21')[0],
    ).toMatchObject({ stoppedOn: '2026-03-20', moot: true });
    // Met by screening or a hearing: gone past screening, the hearing can still come.
    const screenOrHear: ClockRule[] = [
      { name: 'screen', days: 10, startsAt: 'received', stopsAt: ['screening', 'hearing'] },
    ];
    const opened: ClockEvent = { ...moved('received', '2026-03-01'), kind: 'opened' };
    expect(
      clocksOf(screenOrHear, [opened, moved('investigation', '2026-03-02')], '2026-03-03')[0],
    ).toMatchObject({ startedOn: '2026-03-01', stoppedOn: null });
    // Waiting for a status the case is already beyond: moot from the day it began.
    const waitsForReceipt: ClockRule[] = [
      { name: 'receipt', days: 10, startsAt: 'investigation', stopsAt: ['received'] },
    ];
    expect(
      clocksOf(
        waitsForReceipt,
        [moved('investigation', '2026-03-01'), moved('hearing', '2026-03-02')],
        '2026-03-03',
      )[0],
    ).toMatchObject({ stoppedOn: '2026-03-01', moot: true });
  });

  it('reaches a status only by a move or an opening, and counts a stop only from the day the clock began', () => {
    const hear: ClockRule[] = [
      { name: 'hear', days: 30, startsAt: 'investigation', stopsAt: ['hearing'] },
    ];
    const begun = moved('investigation', '2026-03-01');
    const noted: ClockEvent = { ...moved('hearing', '2026-03-02'), kind: 'note' };
    expect(clocksOf(hear, [begun, noted], '2026-03-03')[0].stoppedOn).toBeNull();
    // A hearing on the day the clock began meets it.
    expect(clocksOf(hear, [begun, moved('hearing', '2026-03-01')], '2026-03-03')[0]).toMatchObject({
      stoppedOn: '2026-03-01',
      moot: false,
    });
    // The second notice waits for a notice after it began, not the first one.
    const events = [
      moved('investigation', '2026-03-01'),
      entry('notice', '2026-03-10'),
      entry('answer', '2026-04-05'),
    ];
    const second = clocksOf(RULES, events, '2026-04-06').find(
      (clock) => clock.name === 'second-notice',
    );
    expect(second).toMatchObject({ startedOn: '2026-04-01', stoppedOn: '2026-04-05' });
    // An answer on its last day is in time: no second notice starts.
    const onTime = clocksOf(
      RULES,
      [...events.slice(0, 2), entry('answer', '2026-03-31')],
      '2026-04-10',
    );
    expect(onTime.map((clock) => clock.name)).toEqual(['notify-respondent', 'answer']);
  });

  it("moves a due date only by its own clock's entries, from the day it began", () => {
    const events = [
      moved('investigation', '2026-03-01'),
      entry('clock_extended', '2026-02-20', 'notify-respondent', 7),
      entry('clock_extended', '2026-03-01', 'notify-respondent', 3),
      entry('clock_extended', '2026-03-02', 'answer', 30),
      { ...entry('clock_paused', '2026-03-03', 'notify-respondent'), days: 5 },
      entry('clock_paused', '2026-03-05', 'notify-respondent'),
      entry('clock_resumed', '2026-03-06', 'notify-respondent'),
    ];
    // Three days from the extension on its first day, three paused days; the earlier extension,
    // another clock's, the days on a pause and a second pause change nothing.
    expect(clocksOf(RULES, events, '2026-03-10')[0]).toMatchObject({
      dueOn: '2026-03-21',
      paused: false,
    });
    // A resume without a pause changes nothing.
    expect(
      clocksOf(
        RULES,
        [
          moved('investigation', '2026-03-01'),
          entry('clock_resumed', '2026-03-04', 'notify-respondent'),
        ],
        '2026-03-05',
      )[0],
    ).toMatchObject({ dueOn: '2026-03-15', paused: false });
    // Paused and then met: stopped, not paused, never overdue.
    expect(
      clocksOf(
        RULES,
        [
          moved('investigation', '2026-03-01'),
          entry('clock_paused', '2026-03-02', 'notify-respondent'),
          entry('notice', '2026-03-04'),
        ],
        '2026-05-01',
      )[0],
    ).toMatchObject({
      stoppedOn: '2026-03-04',
      paused: false,
      overdue: false,
      dueOn: '2026-03-15',
    });
  });
});

describe(clockRuleErrors.name, () => {
  it('accepts clocks well formed', () => {
    expect(clockRuleErrors(RULES, 'clocks')).toEqual([]);
    expect(
      clockRuleErrors(
        [{ name: 'a', days: 365, startsAt: 'received', stopsAt: ['hearing'], appliesTo: 'appeal' }],
        'clocks',
      ),
    ).toEqual([]);
    expect(
      clockRuleErrors(
        [
          {
            name: `a${'b'.repeat(39)}`,
            days: 1,
            startsAt: 'x'.repeat(60),
            stopsAt: ['notice'],
            appliesTo: 'case',
          },
        ],
        'clocks',
      ),
    ).toEqual([]);
  });

  it('names what is wrong with each clock, by its place', () => {
    expect(clockRuleErrors('clocks', 'c')).toEqual(['c must be a list of 1 to 20 clocks']);
    expect(clockRuleErrors([], 'c')).toEqual(['c must be a list of 1 to 20 clocks']);
    expect(clockRuleErrors(Array(21).fill(RULES[0]), 'c')).toEqual([
      'c must be a list of 1 to 20 clocks',
    ]);
    expect(clockRuleErrors(Array(20).fill(RULES[0]), 'c')).toEqual([]);
    expect(clockRuleErrors([null, 'x'], 'c')).toEqual([
      'c[0] must be an object',
      'c[1] must be an object',
    ]);
    expect(
      clockRuleErrors(
        [
          { name: 'Bad Name', days: 0, startsAt: 7, stopsAt: [], appliesTo: 'both' },
          { name: 7, days: 366, startsAt: 'y'.repeat(61), stopsAt: 'notice' },
          { name: `a${'b'.repeat(40)}`, days: 1.5, startsAt: 'notice', stopsAt: ['notice', 3] },
          { name: '-a', days: '3', startsAt: 'notice', stopsAt: ['answer'] },
        ],
        'c',
      ),
    ).toEqual([
      'c[0].name must be lower-case letters, digits and -',
      'c[0].days must be a whole number of days from 1 to 365',
      'c[0].startsAt must name a status, notice, or overdue:<clock>',
      'c[0].stopsAt must list the statuses or entries that meet it',
      'c[0].appliesTo must be case or appeal',
      'c[1].name must be lower-case letters, digits and -',
      'c[1].days must be a whole number of days from 1 to 365',
      'c[1].startsAt must name a status, notice, or overdue:<clock>',
      'c[1].stopsAt must list the statuses or entries that meet it',
      'c[2].name must be lower-case letters, digits and -',
      'c[2].days must be a whole number of days from 1 to 365',
      'c[2].stopsAt must list the statuses or entries that meet it',
      'c[3].name must be lower-case letters, digits and -',
      'c[3].days must be a whole number of days from 1 to 365',
    ]);
  });
});

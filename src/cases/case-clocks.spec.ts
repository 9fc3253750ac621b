import { type ClockEvent, type ClockRule, clocksOf } from 'src/cases/case-clocks';

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
});

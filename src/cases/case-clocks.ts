import { addDays } from 'src/common/dates';
import { CASE_STATUSES, type CaseStatus } from 'src/cases/case-rules';

/**
 * The procedure's deadlines, as data: a clock starts when the case reaches a status or an entry
 * is made (a notice to the respondent), or when another clock runs out unmet, and stops at the
 * first of the entries or statuses that meet it. Days are calendar days in the association's
 * time zone; a pause or an extension, each with a reason, moves the due date.
 */
export interface ClockRule {
  name: string;
  days: number;
  /** A status reached, `notice`, or `overdue:<clock>` (the day after that clock ran out unmet). */
  startsAt: string;
  /** Statuses reached, or entries made (`notice`, `answer`), that meet it. */
  stopsAt: string[];
  /** The first-instance case's clocks (by default), or the appeal case's. */
  appliesTo?: 'case' | 'appeal';
}

/** What the clocks read of a case's timeline. */
export interface ClockEvent {
  kind: string;
  toStatus: CaseStatus | null;
  clock: string | null;
  days: number | null;
  occurredOn: string;
}

export interface Clock {
  name: string;
  startedOn: string;
  dueOn: string;
  /** Met on, or (moot) the day its step could no longer happen. */
  stoppedOn: string | null;
  /** Stopped unmet: the case went where its step can no longer happen. */
  moot: boolean;
  paused: boolean;
  overdue: boolean;
}

const rank = (status: string | null) => CASE_STATUSES.indexOf(status as CaseStatus);

/**
 * Whether a case reaching a status leaves a clock's step no place to happen: a case dismissed
 * ends every clock; a step that is an entry (a notice, an answer) can happen until the hearing,
 * one that is a status until the case has gone beyond it. Any of the clock's steps still
 * possible keeps it running.
 */
function endsOf(rule: ClockRule): (status: string | null) => boolean {
  const lastPossible = Math.max(
    ...rule.stopsAt.map((point) => (rank(point) >= 0 ? rank(point) : rank('hearing'))),
  );
  return (status) => status === 'dismissed' || rank(status) > lastPossible;
}

const matches = (event: ClockEvent, point: string) =>
  event.kind === point ||
  ((event.kind === 'opened' || event.kind === 'moved') && event.toStatus === point);

/** Every clock that has started, as it stands on `today`. */
export function clocksOf(rules: ClockRule[], events: ClockEvent[], today: string): Clock[] {
  const clocks = new Map<string, Clock>();
  for (const rule of rules) {
    const follows = /^overdue:(.+)$/.exec(rule.startsAt)?.[1];
    const after = follows === undefined ? undefined : clocks.get(follows);
    const startedOn =
      follows === undefined
        ? events.find((event) => matches(event, rule.startsAt))?.occurredOn
        : after && (after.stoppedOn === null || after.stoppedOn > after.dueOn)
          ? addDays(after.dueOn, 1)
          : undefined;
    if (!startedOn || startedOn > today) continue;
    const own = events.filter(
      (event) => event.clock === rule.name && event.occurredOn >= startedOn,
    );
    let shift = 0;
    let pausedSince: string | null = null;
    for (const event of own) {
      if (event.kind === 'clock_extended') shift += event.days ?? 0;
      if (event.kind === 'clock_paused' && pausedSince === null) pausedSince = event.occurredOn;
      if (event.kind === 'clock_resumed' && pausedSince !== null) {
        shift += daysBetween(pausedSince, event.occurredOn);
        pausedSince = null;
      }
    }
    const ends = endsOf(rule);
    const stop = events.find(
      (event) =>
        event.occurredOn >= startedOn &&
        (rule.stopsAt.some((point) => matches(event, point)) || ends(event.toStatus)),
    );
    const stoppedOn = stop?.occurredOn ?? null;
    const moot = stop !== undefined && !rule.stopsAt.some((point) => matches(stop, point));
    // While paused, the clock does not run: its due date moves with each paused day.
    const dueOn = addDays(
      startedOn,
      rule.days + shift + (pausedSince && !stoppedOn ? daysBetween(pausedSince, today) : 0),
    );
    clocks.set(rule.name, {
      name: rule.name,
      startedOn,
      dueOn,
      stoppedOn,
      moot,
      paused: pausedSince !== null && stoppedOn === null,
      overdue: stoppedOn === null && today > dueOn,
    });
  }
  return [...clocks.values()];
}

/**
 * The appeal window of a decision: the clock of the procedure that an appeal meets, as it
 * stands (extensions move its end). None where the procedure sets no such clock, or before the
 * case is decided.
 */
export function appealWindow(
  rules: ClockRule[],
  events: ClockEvent[],
  today: string,
): Clock | undefined {
  const rule = rules.find(
    (candidate) =>
      (candidate.appliesTo ?? 'case') === 'case' && candidate.stopsAt.includes('appeal'),
  );
  return rule && clocksOf(rules, events, today).find((clock) => clock.name === rule.name);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Whether a clock definition given as JSON is well formed; the messages name what is wrong. */
export function clockRuleErrors(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 20) {
    return [`${path} must be a list of 1 to 20 clocks`];
  }
  return value.flatMap((rule, index) => {
    const at = `${path}[${index}]`;
    if (typeof rule !== 'object' || rule === null) return [`${at} must be an object`];
    const { name, days, startsAt, stopsAt, appliesTo } = rule as Record<string, unknown>;
    const errors: string[] = [];
    if (typeof name !== 'string' || !/^[a-z][a-z0-9-]{0,39}$/.test(name))
      errors.push(`${at}.name must be lower-case letters, digits and -`);
    if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 365)
      errors.push(`${at}.days must be a whole number of days from 1 to 365`);
    if (typeof startsAt !== 'string' || startsAt.length > 60)
      errors.push(`${at}.startsAt must name a status, notice, or overdue:<clock>`);
    if (
      !Array.isArray(stopsAt) ||
      stopsAt.length === 0 ||
      !stopsAt.every((point) => typeof point === 'string')
    )
      errors.push(`${at}.stopsAt must list the statuses or entries that meet it`);
    if (appliesTo !== undefined && appliesTo !== 'case' && appliesTo !== 'appeal')
      errors.push(`${at}.appliesTo must be case or appeal`);
    return errors;
  });
}

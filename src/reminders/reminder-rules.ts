/** Pure rules of reminders: which step is due for an item on a day, and the message it says. */
import { addDays } from 'src/common/dates';

export const REMINDER_ITEM_KINDS = ['credential', 'membership', 'cpd'] as const;
/** The kinds whose items a pass finds in one statement over their read models. */
export const LISTED_ITEM_KINDS = ['credential', 'membership'] as const;
export type ReminderItemKind = (typeof REMINDER_ITEM_KINDS)[number];
export const REMINDER_TRIGGERS = ['before_end', 'grace', 'lapsed'] as const;
export type ReminderTrigger = (typeof REMINDER_TRIGGERS)[number];

/** A lapse reminder missed (the pass did not run) is sent late for this many days, then not. */
export const LAPSED_REMINDER_DAYS = 30;

/**
 * The SQL condition under which a step holds for an item: a step (`s`) of a profession, a
 * credential type or a category holds for that one's items (`i`, with "professionId" and
 * "scopeId", its type or category) only; one of none holds for all.
 */
export const STEP_HOLDS_SQL = `(s.profession_id IS NULL OR s.profession_id = i."professionId")
  AND (coalesce(s.credential_type_id, s.category_id) IS NULL
       OR coalesce(s.credential_type_id, s.category_id) = i."scopeId")`;

/**
 * The SQL condition under which a step (`s`, with `s.next_days` the days of the next smaller
 * step that holds for the item, of the same trigger, -1 when none) is due for an item (`i`, with
 * "endsOn" and "graceDays") on the day at `todayPh`. Only the nearest step before an end is due,
 * so a pass that missed days sends one reminder, not three.
 */
export const STEP_DUE_SQL = (todayPh: string) => `(
  (s.trigger = 'before_end' AND i."endsOn" - ${todayPh}::date <= s.days
     AND i."endsOn" - ${todayPh}::date > s.next_days)
  OR (s.trigger = 'grace' AND ${todayPh}::date - i."endsOn" > s.days
     AND ${todayPh}::date - i."endsOn" <= i."graceDays")
  OR (s.trigger = 'lapsed' AND ${todayPh}::date - (i."endsOn" + i."graceDays") > s.days
     AND ${todayPh}::date - (i."endsOn" + i."graceDays") <= s.days + ${LAPSED_REMINDER_DAYS}))`;

/** Fills {name}, {item}, {endsOn}, {days} and {association} into a step's text. */
export function fillReminder(
  text: string,
  values: { name: string; item: string; endsOn: string; today: string; association: string },
): string {
  const days = Math.round(
    (Date.parse(values.endsOn) - Date.parse(addDays(values.today, 0))) / 86_400_000,
  );
  const fills: Record<string, string> = {
    name: values.name,
    item: values.item,
    endsOn: values.endsOn,
    days: String(Math.abs(days)),
    association: values.association,
  };
  return text.replace(/\{(name|item|endsOn|days|association)\}/g, (_, key: string) => fills[key]);
}

/**
 * The step of a CPD shortfall due for a cycle ending `endsOn`, seen on `today`: the nearest of
 * the steps (by their days before the end), or none.
 */
export function dueStep<S extends { days: number }>(
  steps: S[],
  endsOn: string,
  today: string,
): S | undefined {
  const left = Math.round((Date.parse(endsOn) - Date.parse(today)) / 86_400_000);
  const nearest = [...steps].sort((a, b) => a.days - b.days);
  return nearest.find((step) => left <= step.days && left >= 0);
}

/** Arithmetic on calendar dates written YYYY-MM-DD (no time, no zone). */

const toDate = (date: string) => new Date(`${date}T00:00:00Z`);
const toText = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const result = toDate(date);
  result.setUTCDate(result.getUTCDate() + days);
  return toText(result);
}

/** The last day of a term of `months` starting on `from`: the day before the same date `months` later. */
export function lastDayOfTerm(from: string, months: number): string {
  const [year, month, day] = from.split('-').map(Number);
  const end = new Date(Date.UTC(year, month - 1 + months, day));
  // 31 Jan + 1 month would overflow into March; clamp to the month's last day.
  if (end.getUTCDate() !== day) end.setUTCDate(0);
  else end.setUTCDate(end.getUTCDate() - 1);
  return toText(end);
}

import { Calendar } from 'src/common/calendar';
import { addDays } from 'src/common/dates';
import type { TestApp } from 'test/support/app';

/** The app's today, as the association's calendar reads it. */
export const todayIn = (t: TestApp) => t.app.get(Calendar).today();

/**
 * Moves the app's calendar `days` ahead of the real today (or to a date), until restored:
 * statuses read from dates must follow without any job running, and tests never sleep.
 */
export function moveCalendar(t: TestApp, to: number | string): { today: string; restore(): void } {
  const calendar = t.app.get(Calendar);
  const today = typeof to === 'number' ? addDays(calendar.today(), to) : to;
  const spy = jest.spyOn(calendar, 'today').mockReturnValue(today);
  return { today, restore: () => spy.mockRestore() };
}

import type { ConfigService } from '@nestjs/config';
import { Calendar } from 'src/common/calendar';
import type { RuntimeSettings } from 'src/config/settings';

const calendarIn = (timeZone: string) =>
  new Calendar({ get: () => timeZone } as unknown as ConfigService<RuntimeSettings, true>);

describe(Calendar.name, () => {
  afterEach(() => jest.useRealTimers());

  it("reads today in the association's time zone", () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T20:00:00Z') });
    expect(calendarIn('UTC').today()).toBe('2026-11-22');
    expect(calendarIn('Asia/Jakarta').today()).toBe('2026-11-23');
    expect(calendarIn('America/Los_Angeles').today()).toBe('2026-11-22');
  });

  it('turns to the next day at midnight in the time zone, not a minute later', () => {
    const jakarta = calendarIn('Asia/Jakarta');
    jest.useFakeTimers({ now: new Date('2026-11-22T16:59:59.900Z') });
    expect(jakarta.today()).toBe('2026-11-22');
    jest.setSystemTime(new Date('2026-11-22T17:00:00.000Z'));
    expect(jakarta.today()).toBe('2026-11-23');
  });

  it('dates an instant in the time zone', () => {
    expect(calendarIn('Asia/Jakarta').dateOf('2026-11-22T18:30:00Z')).toBe('2026-11-23');
    expect(calendarIn('UTC').dateOf(new Date('2026-11-22T18:30:00Z'))).toBe('2026-11-22');
  });
});

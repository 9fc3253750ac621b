import { Global, Injectable, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RuntimeSettings } from 'src/config/settings';

/**
 * The association's calendar: "today" in its time zone (TIMEZONE), so a licence valid until
 * 22 November stops being valid at midnight where the association is, not in UTC.
 */
@Injectable()
export class Calendar {
  private readonly format: Intl.DateTimeFormat;
  /** Today, as of the UTC minute it was worked out in: a day always starts on a whole minute. */
  private todayAsOf = { minute: Number.NaN, date: '' };
  /** The IANA zone, for SQL that dates an instant as this calendar does (`AT TIME ZONE`). */
  readonly timeZone: string;

  constructor(config: ConfigService<RuntimeSettings, true>) {
    this.timeZone = config.get('timeZone', { infer: true });
    this.format = new Intl.DateTimeFormat('en-CA', {
      timeZone: this.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }

  /** Today as YYYY-MM-DD. */
  today(): string {
    const now = Date.now();
    const minute = Math.floor(now / 60_000);
    if (minute !== this.todayAsOf.minute) this.todayAsOf = { minute, date: this.dateOf(now) };
    return this.todayAsOf.date;
  }

  /** The association's calendar date of an instant, as YYYY-MM-DD. */
  dateOf(instant: Date | string | number): string {
    return this.format.format(new Date(instant));
  }
}

@Global()
@Module({ providers: [Calendar], exports: [Calendar] })
export class CalendarModule {}

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

  constructor(config: ConfigService<RuntimeSettings, true>) {
    this.format = new Intl.DateTimeFormat('en-CA', {
      timeZone: config.get('timeZone', { infer: true }),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }

  /** Today as YYYY-MM-DD. */
  today(): string {
    return this.format.format(new Date());
  }

  /** The association's calendar date of an instant, as YYYY-MM-DD. */
  dateOf(instant: Date | string): string {
    return this.format.format(new Date(instant));
  }
}

@Global()
@Module({ providers: [Calendar], exports: [Calendar] })
export class CalendarModule {}

import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Calendar } from 'src/common/calendar';
import { addDays } from 'src/common/dates';
import type { RuntimeSettings } from 'src/config/settings';
import { CredentialsRepository } from 'src/credentials/credentials.repository';
import { JobQueue } from 'src/database/job-queue';
import { Transactions } from 'src/database/transactions';

export const CREDENTIAL_CHANGES_QUEUE = 'credential-changes-of-the-day';

/** A day the pass did not run is caught up for this long; an older expiry is history, not news. */
const CATCH_UP_DAYS = 7;

/**
 * The changes no event makes, kept each day for those watching: a credential expires by its
 * dates, and the day after its last valid day it is kept among the changes verifiers are told
 * of, once, however many replicas or passes run.
 */
@Injectable()
export class CredentialChangesService {
  private readonly logger = new Logger(CredentialChangesService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CredentialsRepository,
    private readonly calendar: Calendar,
    config: ConfigService<RuntimeSettings, true>,
    jobs: JobQueue,
  ) {
    const at = config.get('dailyRunTime', { infer: true });
    if (at === 'off') return;
    const [hour, minute] = at.split(':').map(Number);
    jobs.declareSchedule(CREDENTIAL_CHANGES_QUEUE, `${minute} ${hour} * * *`);
    jobs.declareWorker(CREDENTIAL_CHANGES_QUEUE, async () => {
      const kept = await this.keepChangesOfTheDay();
      this.logger.log(`Credential changes of the day: ${JSON.stringify(kept)}`);
    });
  }

  async keepChangesOfTheDay(): Promise<{ expired: number }> {
    const today = this.calendar.today();
    const expired = await this.transactions.run((manager) =>
      this.repository.keepExpiries(manager, addDays(today, -CATCH_UP_DAYS), today),
    );
    return { expired };
  }
}

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import type { RuntimeSettings } from 'src/config/settings';
import { JobQueue } from 'src/database/job-queue';
import { MailRepository, type NewMessage } from 'src/mail/mail.repository';
import { MAIL_QUEUE } from 'src/mail/mail.service';

/** What other modules may ask of mail: messages written in the caller's transaction. */
@Injectable()
export class MailPort {
  constructor(
    private readonly repository: MailRepository,
    private readonly jobs: JobQueue,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {}

  /** Writes the messages in the caller's transaction, each with the job that sends it. */
  async sendIn(manager: EntityManager, messages: NewMessage[]): Promise<string[]> {
    if (!messages.length) return [];
    const smtp = this.config.get('smtpUrl', { infer: true });
    const ids = await this.repository.insertMany(manager, messages, smtp ? 'queued' : 'kept');
    if (smtp) {
      await this.jobs.sendIn(
        manager,
        MAIL_QUEUE,
        ids.map((outboxId) => ({ outboxId })),
      );
    }
    return ids;
  }
}

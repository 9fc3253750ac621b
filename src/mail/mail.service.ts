import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport, type Transporter } from 'nodemailer';
import { type Page, paginate } from 'src/common/paging';
import type { RuntimeSettings } from 'src/config/settings';
import { JobQueue } from 'src/database/job-queue';
import { Transactions } from 'src/database/transactions';
import type { OutboxMessageResponse, OutboxQuery } from 'src/mail/dto/outbox.dto';
import { MailRepository } from 'src/mail/mail.repository';

export const MAIL_QUEUE = 'mail';
/** Messages one process sends at once: a server that stalls on one does not hold the others. */
const MAIL_SENDERS = 4;

/**
 * Mail, durable: a message is written to the outbox in the caller's transaction with the job that
 * sends it, so it goes only if that commits and still goes after a restart; the job retries with
 * backoff until the SMTP server takes it. With no SMTP_URL (the embedded default) messages are
 * kept in the outbox, and admins read them there. A message carries its outbox id as Message-ID,
 * so a retry after a send whose answer was lost is recognisable as the same message.
 */
@Injectable()
export class MailService {
  private transport?: Transporter;

  constructor(
    private readonly transactions: Transactions,
    private readonly repository: MailRepository,
    private readonly jobs: JobQueue,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {
    this.jobs.declareWorker(
      MAIL_QUEUE,
      (data) => this.deliver(String(data.outboxId)),
      undefined,
      MAIL_SENDERS,
    );
  }

  async outbox(query: OutboxQuery): Promise<Page<OutboxMessageResponse>> {
    return paginate(
      this.repository.pageQuery(this.transactions.reader, query.status),
      query,
      (message) => ({
        id: message.id,
        to: message.toAddress,
        subject: message.subject,
        body: message.body,
        status: message.status,
        attempts: message.attempts,
        lastError: message.lastError,
        createdAt: message.createdAt,
        sentAt: message.sentAt,
      }),
    );
  }

  /** The job: sends one queued message; a failure is recorded and thrown, so the job retries. */
  private async deliver(outboxId: string): Promise<void> {
    const manager = this.transactions.reader;
    const message = await this.repository.find(manager, outboxId);
    if (!message || message.status !== 'queued') return;
    try {
      // A server that accepts and then says nothing is given up on in bounded time, each step;
      // the message is tried again later (the job's backoff), the others go on meanwhile.
      const timeout = this.config.get('smtpTimeoutMs', { infer: true });
      this.transport ??= createTransport({
        url: this.config.get('smtpUrl', { infer: true }),
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
      await this.transport.sendMail({
        from: this.config.get('mailFrom', { infer: true }),
        to: message.toAddress,
        subject: message.subject,
        text: message.body,
        messageId: `<${message.id}@guildhall>`,
      });
    } catch (error) {
      await this.repository.markFailedAttempt(manager, outboxId, String(error));
      throw error;
    }
    await this.repository.markSent(manager, outboxId);
  }
}

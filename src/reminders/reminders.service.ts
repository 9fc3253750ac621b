import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditService } from 'src/audit/audit.service';
import { SYSTEM_ACTOR, type Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { notFound } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';
import { JobQueue } from 'src/database/job-queue';
import { allowJobWaits } from 'src/database/job-timeouts';
import { Transactions } from 'src/database/transactions';
import { MailService } from 'src/mail/mail.service';
import type {
  ReminderPassResponse,
  ReminderStepResponse,
  UpdateReminderStepDto,
} from 'src/reminders/dto/reminder.dto';
import { REMINDER_ITEM_KINDS, fillReminder } from 'src/reminders/reminder-rules';
import { RemindersRepository } from 'src/reminders/reminders.repository';

export const REMINDER_PASS_QUEUE = 'reminder-pass';

/**
 * Reminders by e-mail, on the schedule kept in data. The daily pass (a scheduled job, one run a
 * day across replicas) records each reminder due and writes its message to the outbox in the
 * same transaction; the reminder's key makes it once per person, item, end and step, however
 * many replicas run the pass and however often.
 */
@Injectable()
export class RemindersService {
  private readonly logger = new Logger(RemindersService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly repository: RemindersRepository,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly config: ConfigService<RuntimeSettings, true>,
    jobs: JobQueue,
  ) {
    const at = config.get('dailyRunTime', { infer: true });
    if (at !== 'off') {
      const [hour, minute] = at.split(':').map(Number);
      jobs.declareSchedule(REMINDER_PASS_QUEUE, `${minute} ${hour} * * *`);
      jobs.declareWorker(REMINDER_PASS_QUEUE, async () => {
        const pass = await this.run(SYSTEM_ACTOR);
        this.logger.log(`Reminder pass: ${JSON.stringify(pass)}`);
      });
    }
  }

  async steps(): Promise<ReminderStepResponse[]> {
    return this.repository.steps(this.transactions.reader);
  }

  async updateStep(
    actor: Actor,
    code: string,
    dto: UpdateReminderStepDto,
  ): Promise<ReminderStepResponse> {
    await this.transactions.run(async (manager) => {
      const before = await this.repository.findStep(manager, code);
      if (!before) throw notFound('Reminder step', code);
      await this.repository.updateStep(manager, code, { ...dto });
      await this.audit.record(manager, actor, {
        action: 'reminder_step.updated',
        entityType: 'reminder_step',
        entityId: code,
        before: { days: before.days, active: before.active },
        after: { ...dto },
      });
    });
    return (await this.repository.findStep(this.transactions.reader, code))!;
  }

  /** The pass over every credential and membership: what is due today is recorded and mailed. */
  async run(actor: Actor): Promise<ReminderPassResponse> {
    const today = this.calendar.today();
    const association = this.config.get('associationName', { infer: true });
    const steps = await this.repository.steps(this.transactions.reader);
    const aheadDays = Math.max(0, ...steps.map((step) => step.days));
    const sent: Record<string, number> = {};
    for (const kind of REMINDER_ITEM_KINDS) {
      await this.transactions.run(async (manager) => {
        await allowJobWaits(manager, this.config.get('databaseTimeouts', { infer: true }));
        const due = await this.repository.recordDue(manager, kind, today, aheadDays);
        const fill = (text: string, reminder: (typeof due)[number]) =>
          fillReminder(text, {
            name: reminder.name,
            item: reminder.label,
            endsOn: reminder.endsOn,
            today,
            association,
          });
        const outboxIds = await this.mail.sendIn(
          manager,
          due.map((reminder) => ({
            to: reminder.email,
            subject: fill(reminder.subject, reminder),
            body: fill(reminder.body, reminder),
          })),
        );
        await this.repository.linkOutbox(manager, due, outboxIds);
        for (const reminder of due) sent[reminder.stepCode] = (sent[reminder.stepCode] ?? 0) + 1;
        if (due.length) {
          await this.audit.record(manager, actor, {
            action: 'reminders.sent',
            entityType: 'reminder_pass',
            entityId: today,
            after: { kind, count: due.length },
          });
        }
      });
    }
    return { runOn: today, sent };
  }
}

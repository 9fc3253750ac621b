import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { SYSTEM_ACTOR, type Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { addDays } from 'src/common/dates';
import { notFound } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';
import { JobQueue } from 'src/database/job-queue';
import { allowJobWaits } from 'src/database/job-timeouts';
import { Transactions } from 'src/database/transactions';
import { MailPort } from 'src/mail/mail.port';
import type {
  ReminderPassResponse,
  ReminderStepResponse,
  UpdateReminderStepDto,
} from 'src/reminders/dto/reminder.dto';
import { CpdPort } from 'src/cpd/cpd.port';
import { LISTED_ITEM_KINDS, dueStep, fillReminder } from 'src/reminders/reminder-rules';
import type { DueReminder } from 'src/reminders/reminders.repository';
import { RemindersRepository } from 'src/reminders/reminders.repository';

export const REMINDER_PASS_QUEUE = 'reminder-pass';
/** Reminders written to the outbox a batch at a time, so a pass's memory stays bounded. */
const BATCH = 1000;

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
    private readonly mail: MailPort,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly config: ConfigService<RuntimeSettings, true>,
    private readonly cpd: CpdPort,
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

  /**
   * The pass over every credential, membership and CPD cycle: what is due today is recorded and
   * mailed, each kind in a transaction of its own, its messages written a thousand at a time.
   */
  async run(actor: Actor): Promise<ReminderPassResponse> {
    const today = this.calendar.today();
    const steps = await this.repository.steps(this.transactions.reader);
    const active = steps.filter((step) => step.active);
    // Each message's text comes from its step, read once here rather than with every reminder.
    const stepsByCode = new Map(steps.map((step) => [step.code, step]));
    const aheadDays = Math.max(0, ...active.map((step) => step.days));
    const sent: Record<string, number> = {};
    const mail = async (manager: EntityManager, due: DueReminder[]) => {
      await this.send(manager, due, today, stepsByCode);
      for (const reminder of due) sent[reminder.stepCode] = (sent[reminder.stepCode] ?? 0) + 1;
      return due.length;
    };
    const audit = async (manager: EntityManager, kind: string, count: number) => {
      if (!count) return;
      await this.audit.record(manager, actor, {
        action: 'reminders.sent',
        entityType: 'reminder_pass',
        entityId: today,
        after: { kind, count },
      });
    };
    const inTransaction = (work: (manager: EntityManager) => Promise<void>) =>
      this.transactions.run(async (manager) => {
        await allowJobWaits(manager, this.config.get('databaseTimeouts', { infer: true }));
        await work(manager);
      });
    const listedKinds = async () => {
      for (const kind of LISTED_ITEM_KINDS) {
        await inTransaction(async (manager) => {
          await this.repository.recordDue(manager, kind, today, aheadDays);
          let count = 0;
          for (let after = 0; ;) {
            const due = await this.repository.dueBatch(manager, after, BATCH);
            if (!due.length) break;
            count += await mail(manager, due);
            after = Number(due[due.length - 1].n);
          }
          await audit(manager, kind, count);
        });
      }
    };
    const cpdSteps = active.filter((step) => step.itemKind === 'cpd');
    const cpdShortfalls = async () => {
      if (!cpdSteps.length) return;
      const lastDay = addDays(today, Math.max(...cpdSteps.map((step) => step.days)));
      // One transaction, as each listed kind has: a commit for every thousand holders cost 8 s
      // of this part's 35 at a million members (bench/).
      await inTransaction(async (manager) => {
        let count = 0;
        for await (const behind of this.cpd.shortfallsEndingBy(lastDay)) {
          const due = behind.flatMap((shortfall) => {
            const step = dueStep(cpdSteps, shortfall.endsOn, today);
            return step
              ? [
                  {
                    stepCode: step.code,
                    personId: shortfall.personId,
                    endsOn: shortfall.endsOn,
                    label: `${shortfall.policy} (${shortfall.number})`,
                  },
                ]
              : [];
          });
          count += await mail(manager, await this.repository.recordCpdDue(manager, today, due));
        }
        await audit(manager, 'cpd', count);
      });
    };
    // The listed kinds and the CPD shortfalls touch different reminders and each runs in one
    // database process: side by side they use two cores where one after the other used one.
    // Both finish before the pass answers; the first failure is the pass's.
    const failed = (await Promise.allSettled([listedKinds(), cpdShortfalls()])).find(
      (outcome) => outcome.status === 'rejected',
    );
    if (failed) throw failed.reason;
    return { runOn: today, sent };
  }

  /** Each reminder's message, written to the outbox under the id it was recorded with. */
  private async send(
    manager: EntityManager,
    due: DueReminder[],
    today: string,
    steps: Map<string, { subject: string; body: string }>,
  ): Promise<void> {
    const association = this.config.get('associationName', { infer: true });
    const fill = (text: string, reminder: DueReminder) =>
      fillReminder(text, {
        name: reminder.name,
        item: reminder.label,
        endsOn: reminder.endsOn,
        today,
        association,
      });
    await this.mail.sendIn(
      manager,
      due.map((reminder) => ({
        id: reminder.outboxId,
        to: reminder.email,
        subject: fill(steps.get(reminder.stepCode)!.subject, reminder),
        body: fill(steps.get(reminder.stepCode)!.body, reminder),
      })),
    );
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { SYSTEM_ACTOR, type Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { addDays } from 'src/common/dates';
import { notFound, type FieldError } from 'src/common/errors/app-error';
import type { Language } from 'src/common/languages';
import type { RuntimeSettings } from 'src/config/settings';
import { JobQueue } from 'src/database/job-queue';
import { allowJobWaits } from 'src/database/job-timeouts';
import { Transactions } from 'src/database/transactions';
import { MailPort } from 'src/mail/mail.port';
import type {
  CreateReminderStepDto,
  ReminderPassResponse,
  ReminderStepResponse,
  UpdateReminderStepDto,
} from 'src/reminders/dto/reminder.dto';
import type { ReminderStep, ReminderText } from 'src/reminders/entities/reminder-step.entity';
import { RemindersError } from 'src/reminders/reminders.errors';
import { CpdPort } from 'src/cpd/cpd.port';
import { ProfessionsPort } from 'src/professions/professions.port';
import { LISTED_ITEM_KINDS, dueStep, fillReminder } from 'src/reminders/reminder-rules';
import type { DueReminder } from 'src/reminders/reminders.repository';
import { RemindersRepository } from 'src/reminders/reminders.repository';

export const REMINDER_PASS_QUEUE = 'reminder-pass';
/** Reminders written to the outbox a batch at a time, so a pass's memory stays bounded. */
const BATCH = 1000;

/** A step's message in the language the person reads, where it has one; else in its own. */
const textFor = (step: ReminderStep, language: Language | null): ReminderText =>
  (language && language !== step.language && step.texts[language]) || {
    subject: step.subject,
    body: step.body,
  };

const toStepResponse = ({
  profession: _profession,
  credentialType: _type,
  category: _category,
  ...step
}: ReminderStep): ReminderStepResponse => step;

/**
 * What a step cannot be, field by field: grace and lapse reminders are a membership's, a CPD
 * reminder comes before a cycle ends, a type narrows a credential step and a category a
 * membership step, and a step names one of profession, type and category (a type or a
 * category is of its profession already).
 */
function stepRefusals(dto: CreateReminderStepDto): FieldError[] {
  const refusals: FieldError[] = [];
  if (dto.trigger !== 'before_end' && dto.itemKind !== 'membership') {
    refusals.push({
      field: 'trigger',
      message: `a ${dto.trigger} reminder is a membership's; a ${dto.itemKind} step is sent before_end`,
    });
  }
  if (dto.credentialTypeId && dto.itemKind !== 'credential') {
    refusals.push({ field: 'credentialTypeId', message: 'only a credential step names a type' });
  }
  if (dto.categoryId && dto.itemKind !== 'membership') {
    refusals.push({ field: 'categoryId', message: 'only a membership step names a category' });
  }
  if (dto.professionId && dto.itemKind === 'cpd') {
    refusals.push({
      field: 'professionId',
      message: 'a CPD step holds for every policy: it names no profession',
    });
  }
  if ([dto.professionId, dto.credentialTypeId, dto.categoryId].filter(Boolean).length > 1) {
    refusals.push({
      field: 'professionId',
      message: 'name one of professionId, credentialTypeId and categoryId',
    });
  }
  return refusals;
}

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
    private readonly professions: ProfessionsPort,
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
    return (await this.repository.steps(this.transactions.reader)).map(toStepResponse);
  }

  /**
   * Adds a step to the schedule: for every item of its kind, or only those of one profession,
   * credential type or membership category, with its message in its language and any others.
   */
  async createStep(actor: Actor, dto: CreateReminderStepDto): Promise<ReminderStepResponse> {
    const refusals = stepRefusals(dto);
    if (refusals.length) {
      throw new RemindersError(
        'reminder-step-refused',
        refusals.map((refusal) => refusal.message).join('; '),
        { errors: refusals },
      );
    }
    const id = await this.transactions.run(async (manager) => {
      const step = {
        code: dto.code,
        name: dto.name,
        itemKind: dto.itemKind,
        trigger: dto.trigger,
        days: dto.days,
        active: dto.active ?? true,
        professionId: dto.professionId ?? null,
        credentialTypeId: dto.credentialTypeId ?? null,
        categoryId: dto.categoryId ?? null,
        language: dto.language ?? 'en',
        subject: dto.subject,
        body: dto.body,
        texts: { ...dto.texts },
      };
      const created = await this.repository.insertStep(manager, step);
      await this.audit.record(manager, actor, {
        action: 'reminder_step.created',
        entityType: 'reminder_step',
        entityId: created,
        after: { ...step },
      });
      return created;
    });
    return toStepResponse((await this.repository.stepById(this.transactions.reader, id))!);
  }

  /** Changes the step of this code: of the profession named by its code, or of none. */
  async updateStep(
    actor: Actor,
    code: string,
    profession: string | undefined,
    dto: UpdateReminderStepDto,
  ): Promise<ReminderStepResponse> {
    // Not a step's code (a stray byte, too long): no step has it, and the database need not be asked.
    if (!/^[A-Z][A-Z0-9_]{0,39}$/.test(code)) throw notFound('Reminder step', code);
    const id = await this.transactions.run(async (manager) => {
      const professionId = profession
        ? ((await this.professions.byCode(manager, profession))?.id ?? null)
        : null;
      const before =
        profession && !professionId
          ? null
          : await this.repository.findStep(manager, code, professionId);
      if (!before) throw notFound('Reminder step', profession ? `${profession}/${code}` : code);
      await this.repository.updateStep(manager, before.id, {
        ...dto,
        ...(dto.texts ? { texts: { ...dto.texts } } : {}),
      });
      await this.audit.record(manager, actor, {
        action: 'reminder_step.updated',
        entityType: 'reminder_step',
        entityId: before.id,
        before: Object.fromEntries(
          Object.keys(dto).map((key) => [key, before[key as keyof typeof dto]]),
        ),
        after: { ...dto },
      });
      return before.id;
    });
    return toStepResponse((await this.repository.stepById(this.transactions.reader, id))!);
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
    const stepsById = new Map(steps.map((step) => [step.id, step]));
    const aheadDays = Math.max(0, ...active.map((step) => step.days));
    const sent: Record<string, number> = {};
    const mail = async (manager: EntityManager, due: DueReminder[]) => {
      await this.send(manager, due, today, stepsById);
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
                    stepId: step.id,
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
    steps: Map<string, ReminderStep>,
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
      due.map((reminder) => {
        const text = textFor(steps.get(reminder.stepId)!, reminder.language);
        return {
          id: reminder.outboxId,
          to: reminder.email,
          subject: fill(text.subject, reminder),
          body: fill(text.body, reminder),
        };
      }),
    );
  }
}

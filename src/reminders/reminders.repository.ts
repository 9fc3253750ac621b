import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { Language } from 'src/common/languages';
import { CREDENTIALS_READ_MODEL } from 'src/credentials/credentials.read-model';
import { MEMBERSHIP_REMINDERS_READ_MODEL } from 'src/membership/membership.read-model';
import { PEOPLE_READ_MODEL as PEOPLE } from 'src/people/people.read-model';
import { ReminderStep } from 'src/reminders/entities/reminder-step.entity';
import { type LISTED_ITEM_KINDS, STEP_DUE_SQL, STEP_HOLDS_SQL } from 'src/reminders/reminder-rules';

type ListedKind = (typeof LISTED_ITEM_KINDS)[number];

/** A reminder newly recorded as sent, with what its message needs. */
export interface DueReminder {
  /** The outbox message that carries it, recorded with it and written after. */
  outboxId: string;
  stepId: string;
  stepCode: string;
  itemId: string;
  endsOn: string;
  label: string;
  email: string;
  name: string;
  /** The language the person reads (null: the step's own). */
  language: Language | null;
}

/** The items of a kind a pass on the day at $1 looks at, from the module that owns them. */
const ITEMS: Record<ListedKind, string> = {
  credential: CREDENTIALS_READ_MODEL.endingForReminders('$1', '$2'),
  membership: MEMBERSHIP_REMINDERS_READ_MODEL.coverForReminders('$1', '$2'),
};

/** Every query of the reminder schedule and the reminders sent, named. */
@Injectable()
export class RemindersRepository {
  steps(manager: EntityManager): Promise<ReminderStep[]> {
    return manager.find(ReminderStep, { order: { itemKind: 'ASC', days: 'DESC', code: 'ASC' } });
  }

  stepById(manager: EntityManager, id: string): Promise<ReminderStep | null> {
    return manager.findOneBy(ReminderStep, { id });
  }

  /** The step of this code of the profession (null: of the steps of none). */
  findStep(
    manager: EntityManager,
    code: string,
    professionId: string | null,
  ): Promise<ReminderStep | null> {
    return manager.findOneBy(ReminderStep, { code, professionId: professionId ?? IsNull() });
  }

  async updateStep(
    manager: EntityManager,
    id: string,
    values: Partial<
      Pick<ReminderStep, 'name' | 'days' | 'active' | 'language' | 'subject' | 'body' | 'texts'>
    >,
  ): Promise<void> {
    await manager.update(ReminderStep, { id }, values);
  }

  async insertStep(
    manager: EntityManager,
    step: Omit<ReminderStep, 'id' | 'profession' | 'credentialType' | 'category'>,
  ): Promise<string> {
    const { identifiers } = await manager.insert(ReminderStep, step);
    return identifiers[0].id as string;
  }

  /**
   * Records, in one statement, every reminder of this kind due on `today` and not sent before
   * (the key of reminders_sent decides, so a second pass or replica records nothing), and keeps
   * them with what their messages need in the transaction's work table `reminders_due`, numbered
   * in order, for the caller to read a batch at a time: memory stays bounded on a day when half
   * the register falls due. People with no e-mail address are left until they have one.
   */
  async recordDue(
    manager: EntityManager,
    kind: ListedKind,
    today: string,
    aheadDays: number,
  ): Promise<void> {
    await manager.query(
      `CREATE TEMPORARY TABLE reminders_due (
         n bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "outboxId" uuid NOT NULL,
         "stepId" uuid NOT NULL, "stepCode" text NOT NULL, "itemId" uuid NOT NULL, "endsOn" text NOT NULL,
         label text NOT NULL, email text NOT NULL, name text NOT NULL, language text NULL)
         ON COMMIT DROP`,
    );
    await manager.query(
      `WITH holding AS (
         SELECT s.id, s.code, s.trigger, s.days, i."itemId", i."endsOn", i."graceDays", i."personId",
                i.label,
                coalesce(lead(s.days) OVER (PARTITION BY i."itemId", s.trigger
                                            ORDER BY s.days DESC, s.code), -1) AS next_days
           FROM (${ITEMS[kind]}) i
           JOIN reminder_steps s ON s.active AND s.item_kind = $3 AND ${STEP_HOLDS_SQL}),
       due AS (
         SELECT s.id, s.code, s."itemId", s."endsOn", s."personId", s.label,
                ${PEOPLE.email('p')} AS email, ${PEOPLE.fullName('p')} AS name,
                ${PEOPLE.language('p')} AS language,
                gen_random_uuid() AS outbox_id
           FROM holding s CROSS JOIN LATERAL (SELECT s."endsOn", s."graceDays") i
           ${PEOPLE.join('p', 's."personId"')}
          WHERE ${STEP_DUE_SQL('$1')} AND ${PEOPLE.email('p')} IS NOT NULL),
       recorded AS (
         INSERT INTO reminders_sent (step_id, item_id, item_ends_on, person_id, sent_on, outbox_id)
         SELECT id, "itemId", "endsOn", "personId", $1::date, outbox_id FROM due
         ON CONFLICT DO NOTHING
         RETURNING outbox_id)
       INSERT INTO reminders_due
              ("outboxId", "stepId", "stepCode", "itemId", "endsOn", label, email, name, language)
       SELECT due.outbox_id, due.id, due.code, due."itemId", due."endsOn"::text, due.label, due.email,
              due.name, due.language
         FROM recorded JOIN due USING (outbox_id)`,
      [today, aheadDays, kind],
    );
  }

  /** The next batch of the reminders recorded by `recordDue`, after the one numbered `after`. */
  dueBatch(
    manager: EntityManager,
    after: number,
    size: number,
  ): Promise<(DueReminder & { n: string })[]> {
    return manager.query(
      `SELECT n, "outboxId", "stepId", "stepCode", "itemId", "endsOn", label, email, name, language
         FROM reminders_due WHERE n > $1 ORDER BY n LIMIT $2`,
      [after, size],
    );
  }

  /**
   * Records CPD shortfall reminders (the item is the person, the end their cycle's last day) not
   * sent before, and returns them with what their messages need; people with no e-mail address
   * are left until they have one.
   */
  async recordCpdDue(
    manager: EntityManager,
    today: string,
    due: { stepId: string; personId: string; endsOn: string; label: string }[],
  ): Promise<DueReminder[]> {
    if (!due.length) return [];
    return manager.query<DueReminder[]>(
      `WITH due AS (
         SELECT DISTINCT ON (d.step_id, d.person_id, d.ends_on)
                d.step_id, s.code AS step_code, d.person_id, d.ends_on, d.label,
                ${PEOPLE.email('p')} AS email, ${PEOPLE.fullName('p')} AS name,
                ${PEOPLE.language('p')} AS language,
                gen_random_uuid() AS outbox_id
           FROM unnest($2::uuid[], $3::uuid[], $4::date[], $5::text[])
                AS d(step_id, person_id, ends_on, label)
           JOIN reminder_steps s ON s.id = d.step_id
           ${PEOPLE.join('p', 'd.person_id')}
          WHERE ${PEOPLE.email('p')} IS NOT NULL),
       recorded AS (
         INSERT INTO reminders_sent (step_id, item_id, item_ends_on, person_id, sent_on, outbox_id)
         SELECT step_id, person_id, ends_on, person_id, $1::date, outbox_id FROM due
         ON CONFLICT DO NOTHING
         RETURNING outbox_id)
       SELECT due.outbox_id AS "outboxId", due.step_id AS "stepId", due.step_code AS "stepCode",
              due.person_id AS "itemId", due.ends_on::text AS "endsOn",
              due.label, due.email, due.name, due.language
         FROM recorded JOIN due USING (outbox_id)`,
      [
        today,
        due.map((row) => row.stepId),
        due.map((row) => row.personId),
        due.map((row) => row.endsOn),
        due.map((row) => row.label),
      ],
    );
  }
}

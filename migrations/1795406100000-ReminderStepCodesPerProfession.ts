import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reminder step's code is unique within its profession (or among the steps of none): doctors
 * and engineers may each have their `REGISTRATION_180`. Steps get an id of their own, and a
 * reminder sent names the step by it.
 */
export class ReminderStepCodesPerProfession1795406100000 implements MigrationInterface {
  name = 'ReminderStepCodesPerProfession1795406100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE reminder_steps ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid()`,
    );
    await q.query(`ALTER TABLE reminders_sent ADD COLUMN step_id uuid NULL`);
    await q.query(
      `UPDATE reminders_sent r SET step_id = s.id FROM reminder_steps s WHERE s.code = r.step_code`,
    );
    await q.query(`ALTER TABLE reminders_sent ALTER COLUMN step_id SET NOT NULL`);
    await q.query(`ALTER TABLE reminders_sent DROP CONSTRAINT fk_reminders_sent_step_code`);
    await q.query(`ALTER TABLE reminders_sent DROP CONSTRAINT pk_reminders_sent`);
    await q.query(`ALTER TABLE reminders_sent DROP COLUMN step_code`);
    await q.query(
      `ALTER TABLE reminders_sent ADD CONSTRAINT pk_reminders_sent PRIMARY KEY (step_id, item_id, item_ends_on)`,
    );
    await q.query(`ALTER TABLE reminder_steps DROP CONSTRAINT pk_reminder_steps`);
    await q.query(`ALTER TABLE reminder_steps ADD CONSTRAINT pk_reminder_steps PRIMARY KEY (id)`);
    await q.query(
      `ALTER TABLE reminder_steps ADD CONSTRAINT uq_reminder_steps_profession_code UNIQUE NULLS NOT DISTINCT (profession_id, code)`,
    );
    await q.query(
      `ALTER TABLE reminders_sent ADD CONSTRAINT fk_reminders_sent_step_id FOREIGN KEY (step_id) REFERENCES reminder_steps (id)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // Codes held by several professions cannot go back to one list: the later steps go.
    await q.query(`DELETE FROM reminders_sent r USING reminder_steps s
                    WHERE s.id = r.step_id AND s.profession_id IS NOT NULL
                      AND EXISTS (SELECT 1 FROM reminder_steps o
                                   WHERE o.code = s.code AND o.id <> s.id)`);
    await q.query(`DELETE FROM reminder_steps s WHERE s.profession_id IS NOT NULL
                      AND EXISTS (SELECT 1 FROM reminder_steps o
                                   WHERE o.code = s.code AND o.id <> s.id)`);
    await q.query(`ALTER TABLE reminders_sent ADD COLUMN step_code varchar(40) NULL`);
    await q.query(
      `UPDATE reminders_sent r SET step_code = s.code FROM reminder_steps s WHERE s.id = r.step_id`,
    );
    await q.query(`ALTER TABLE reminders_sent ALTER COLUMN step_code SET NOT NULL`);
    await q.query(`ALTER TABLE reminders_sent DROP CONSTRAINT fk_reminders_sent_step_id`);
    await q.query(`ALTER TABLE reminders_sent DROP CONSTRAINT pk_reminders_sent`);
    await q.query(`ALTER TABLE reminders_sent DROP COLUMN step_id`);
    await q.query(`ALTER TABLE reminder_steps DROP CONSTRAINT uq_reminder_steps_profession_code`);
    await q.query(`ALTER TABLE reminder_steps DROP CONSTRAINT pk_reminder_steps`);
    await q.query(`ALTER TABLE reminder_steps DROP COLUMN id`);
    await q.query(`ALTER TABLE reminder_steps ADD CONSTRAINT pk_reminder_steps PRIMARY KEY (code)`);
    await q.query(
      `ALTER TABLE reminders_sent ADD CONSTRAINT pk_reminders_sent PRIMARY KEY (step_code, item_id, item_ends_on)`,
    );
    await q.query(
      `ALTER TABLE reminders_sent ADD CONSTRAINT fk_reminders_sent_step_code FOREIGN KEY (step_code) REFERENCES reminder_steps (code)`,
    );
  }
}

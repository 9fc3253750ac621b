import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder steps become configuration: each has a name, may hold for one profession, one
 * credential type or one membership category only, and carries its text in each language beside
 * its own; a person may say which language they read. The seeded steps keep holding for all.
 */
export class ReminderStepsAsData1795405700000 implements MigrationInterface {
  name = 'ReminderStepsAsData1795405700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE persons ADD COLUMN language varchar(8) NULL`);
    await q.query(
      `ALTER TABLE persons ADD CONSTRAINT ck_persons_language CHECK (language IN ('id', 'en'))`,
    );
    await q.query(`ALTER TABLE reminder_steps ADD COLUMN name varchar(200) NULL`);
    await q.query(`UPDATE reminder_steps SET name = CASE code
        WHEN 'CREDENTIAL_90' THEN 'A credential ends in 90 days'
        WHEN 'CREDENTIAL_60' THEN 'A credential ends in 60 days'
        WHEN 'CREDENTIAL_30' THEN 'A credential ends in 30 days'
        WHEN 'MEMBERSHIP_90' THEN 'A membership''s cover ends in 90 days'
        WHEN 'MEMBERSHIP_60' THEN 'A membership''s cover ends in 60 days'
        WHEN 'MEMBERSHIP_30' THEN 'A membership''s cover ends in 30 days'
        WHEN 'MEMBERSHIP_GRACE' THEN 'A membership enters its grace days'
        WHEN 'MEMBERSHIP_LAPSED' THEN 'A membership has lapsed'
        ELSE initcap(replace(code, '_', ' ')) END`);
    await q.query(`ALTER TABLE reminder_steps ALTER COLUMN name SET NOT NULL`);
    await q.query(`ALTER TABLE reminder_steps ADD COLUMN profession_id uuid NULL`);
    await q.query(`ALTER TABLE reminder_steps ADD COLUMN credential_type_id uuid NULL`);
    await q.query(`ALTER TABLE reminder_steps ADD COLUMN category_id uuid NULL`);
    await q.query(
      `ALTER TABLE reminder_steps ADD COLUMN language varchar(8) NOT NULL DEFAULT 'en'`,
    );
    await q.query(`ALTER TABLE reminder_steps ADD COLUMN texts jsonb NOT NULL DEFAULT '{}'`);
    await q.query(
      `ALTER TABLE reminder_steps ADD CONSTRAINT fk_reminder_steps_profession_id FOREIGN KEY (profession_id) REFERENCES professions (id)`,
    );
    await q.query(
      `ALTER TABLE reminder_steps ADD CONSTRAINT fk_reminder_steps_credential_type_id FOREIGN KEY (credential_type_id) REFERENCES credential_types (id)`,
    );
    await q.query(
      `ALTER TABLE reminder_steps ADD CONSTRAINT fk_reminder_steps_category_id FOREIGN KEY (category_id) REFERENCES membership_categories (id)`,
    );
    await q.query(
      `ALTER TABLE reminder_steps ADD CONSTRAINT ck_reminder_steps_credential_type CHECK (credential_type_id IS NULL OR item_kind = 'credential')`,
    );
    await q.query(
      `ALTER TABLE reminder_steps ADD CONSTRAINT ck_reminder_steps_category CHECK (category_id IS NULL OR item_kind = 'membership')`,
    );
    await q.query(
      `ALTER TABLE reminder_steps ADD CONSTRAINT ck_reminder_steps_language CHECK (language IN ('id', 'en'))`,
    );
    await q.query(
      `ALTER TABLE reminder_steps ADD CONSTRAINT ck_reminder_steps_texts CHECK (jsonb_typeof(texts) = 'object')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const column of [
      'texts',
      'language',
      'category_id',
      'credential_type_id',
      'profession_id',
      'name',
    ]) {
      await q.query(`ALTER TABLE reminder_steps DROP COLUMN ${column}`);
    }
    await q.query(`ALTER TABLE persons DROP COLUMN language`);
  }
}

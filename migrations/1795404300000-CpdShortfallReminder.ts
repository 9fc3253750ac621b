import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CPD shortfall reminder: a holder behind on a policy that follows their credential is told a
 * year before the credential's cycle ends, once per cycle. Its item is the person, its end the
 * cycle's last day.
 */
export class CpdShortfallReminder1795404300000 implements MigrationInterface {
  name = 'CpdShortfallReminder1795404300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reminder_steps DROP CONSTRAINT ck_reminder_steps_item_kind`);
    await q.query(`
      ALTER TABLE reminder_steps ADD CONSTRAINT ck_reminder_steps_item_kind
        CHECK (item_kind IN ('credential', 'membership', 'cpd'))`);
    await q.query(`
      ALTER TABLE reminder_steps ADD CONSTRAINT ck_reminder_steps_cpd
        CHECK (item_kind <> 'cpd' OR trigger = 'before_end')`);
    await q.query(`
      INSERT INTO reminder_steps (code, item_kind, trigger, days, subject, body) VALUES
        ('CPD_SHORTFALL', 'cpd', 'before_end', 365, 'Your CPD credits for {item} are short',
         'Dear {name},\n\nthe CPD cycle of {item} ends on {endsOn}, in {days} days, and its credits are not all earned yet. Your transcript in Guildhall shows what is still to go.\n\n{association}')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM reminders_sent WHERE step_code = 'CPD_SHORTFALL'`);
    await q.query(`DELETE FROM reminder_steps WHERE code = 'CPD_SHORTFALL'`);
    await q.query(`ALTER TABLE reminder_steps DROP CONSTRAINT ck_reminder_steps_cpd`);
    await q.query(`ALTER TABLE reminder_steps DROP CONSTRAINT ck_reminder_steps_item_kind`);
    await q.query(`
      ALTER TABLE reminder_steps ADD CONSTRAINT ck_reminder_steps_item_kind
        CHECK (item_kind IN ('credential', 'membership'))`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reminder is recorded with the id of the outbox message that will carry it, and the message is
 * written after, a thousand at a time, in the same transaction: the reference is checked at
 * commit. So a pass records a day's reminders in one statement and never goes back to update them.
 */
export class RemindersOutboxDeferred1795404400000 implements MigrationInterface {
  name = 'RemindersOutboxDeferred1795404400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reminders_sent ALTER CONSTRAINT fk_reminders_sent_outbox_id
        DEFERRABLE INITIALLY DEFERRED`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reminders_sent ALTER CONSTRAINT fk_reminders_sent_outbox_id NOT DEFERRABLE`);
  }
}

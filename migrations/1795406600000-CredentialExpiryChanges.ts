import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A credential's expiry is read from its dates, so no event makes it: the daily pass keeps it
 * among the changes verifiers are told of, dated the day after the last valid day, once (a
 * second pass, or two replicas at once, find it kept).
 */
export class CredentialExpiryChanges1795406600000 implements MigrationInterface {
  name = 'CredentialExpiryChanges1795406600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credential_changes ADD COLUMN on_day date NULL`);
    await q.query(`
      CREATE UNIQUE INDEX uq_credential_changes_dated ON credential_changes (credential_id, event, on_day)
        WHERE on_day IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_credential_changes_dated`);
    await q.query(`ALTER TABLE credential_changes DROP COLUMN on_day`);
  }
}

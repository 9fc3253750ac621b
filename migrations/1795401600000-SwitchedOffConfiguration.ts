import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credential types and membership categories are switched off, never deleted: what was issued or
 * granted under them stays as it was, and nothing new is.
 */
export class SwitchedOffConfiguration1795401600000 implements MigrationInterface {
  name = 'SwitchedOffConfiguration1795401600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credential_types ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(
      `ALTER TABLE membership_categories ADD COLUMN active boolean NOT NULL DEFAULT true`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership_categories DROP COLUMN active`);
    await q.query(`ALTER TABLE credential_types DROP COLUMN active`);
  }
}

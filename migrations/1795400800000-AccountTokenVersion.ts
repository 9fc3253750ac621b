import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each account's access tokens carry its token version; a change of roles, a disabled account or
 * a new password moves the version on, so tokens issued before stop working at once.
 */
export class AccountTokenVersion1795400800000 implements MigrationInterface {
  name = 'AccountTokenVersion1795400800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN token_version integer NOT NULL DEFAULT 1`);
    await q.query(
      `ALTER TABLE accounts ADD CONSTRAINT ck_accounts_token_version CHECK (token_version > 0)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP COLUMN token_version`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A credential number may carry the holder's chapter ({CHAPTER}), each chapter counting on its
 * own: a sequence's scope now holds the chapter code (up to 20) beside the year and month.
 */
export class CredentialNumberScopes1795401400000 implements MigrationInterface {
  name = 'CredentialNumberScopes1795401400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credential_number_sequences ALTER COLUMN scope TYPE varchar(40)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM credential_number_sequences WHERE length(scope) > 10`);
    await q.query(`ALTER TABLE credential_number_sequences ALTER COLUMN scope TYPE varchar(10)`);
  }
}

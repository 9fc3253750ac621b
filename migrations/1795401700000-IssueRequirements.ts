import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a credential type needs of a person before it is issued, as a requirement in data. */
export class IssueRequirements1795401700000 implements MigrationInterface {
  name = 'IssueRequirements1795401700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credential_types ADD COLUMN issue_requirements jsonb NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credential_types DROP COLUMN issue_requirements`);
  }
}

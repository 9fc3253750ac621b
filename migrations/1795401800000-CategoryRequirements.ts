import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a membership category needs to admit someone, as a requirement in data, checked with the
 * pipeline beside the qualification, credential, pledge and fee a category could already ask for.
 */
export class CategoryRequirements1795401800000 implements MigrationInterface {
  name = 'CategoryRequirements1795401800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership_categories ADD COLUMN requirements jsonb NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership_categories DROP COLUMN requirements`);
  }
}

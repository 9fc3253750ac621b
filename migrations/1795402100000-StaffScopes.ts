import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staff account may be scoped to a profession, a chapter, or both: it then acts only on the
 * people of its scope. Admins and members are never scoped.
 */
export class StaffScopes1795402100000 implements MigrationInterface {
  name = 'StaffScopes1795402100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN scope_profession_id uuid NULL`);
    await q.query(`ALTER TABLE accounts ADD COLUMN scope_chapter_id uuid NULL`);
    await q.query(`
      ALTER TABLE accounts ADD CONSTRAINT fk_accounts_scope_profession_id
        FOREIGN KEY (scope_profession_id) REFERENCES professions (id)`);
    await q.query(`
      ALTER TABLE accounts ADD CONSTRAINT fk_accounts_scope_chapter_id
        FOREIGN KEY (scope_chapter_id) REFERENCES chapters (id)`);
    await q.query(`
      ALTER TABLE accounts ADD CONSTRAINT ck_accounts_scope_staff_only CHECK (
        (scope_profession_id IS NULL AND scope_chapter_id IS NULL)
        OR NOT (roles && ARRAY['admin', 'member']::text[]))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP CONSTRAINT ck_accounts_scope_staff_only`);
    await q.query(`ALTER TABLE accounts DROP COLUMN scope_chapter_id`);
    await q.query(`ALTER TABLE accounts DROP COLUMN scope_profession_id`);
  }
}

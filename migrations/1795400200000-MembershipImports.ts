import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk import of an existing register: each run is recorded with its file's hash, progress,
 * counts and row errors, and every membership it creates keeps the run as its source.
 */
export class MembershipImports1795400200000 implements MigrationInterface {
  name = 'MembershipImports1795400200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE membership_imports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        file_name varchar(255) NULL,
        file_sha256 char(64) NULL,
        dry_run boolean NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'running',
        total_rows integer NOT NULL DEFAULT 0,
        processed_rows integer NOT NULL DEFAULT 0,
        created jsonb NULL,
        unchanged jsonb NULL,
        error_count integer NOT NULL DEFAULT 0,
        errors jsonb NULL,
        started_by_account_id uuid NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        CONSTRAINT pk_membership_imports PRIMARY KEY (id),
        CONSTRAINT fk_membership_imports_started_by_account_id
          FOREIGN KEY (started_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_membership_imports_status
          CHECK (status IN ('running', 'validated', 'committed', 'rejected', 'failed')),
        CONSTRAINT ck_membership_imports_rows CHECK (processed_rows >= 0 AND total_rows >= 0)
      )`);
    await q.query(
      `CREATE INDEX ix_membership_imports_started_at ON membership_imports (started_at)`,
    );
    await q.query(`ALTER TABLE memberships ADD COLUMN import_id uuid NULL`);
    await q.query(`
      ALTER TABLE memberships ADD CONSTRAINT fk_memberships_import_id
        FOREIGN KEY (import_id) REFERENCES membership_imports (id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE memberships DROP CONSTRAINT fk_memberships_import_id`);
    await q.query(`ALTER TABLE memberships DROP COLUMN import_id`);
    await q.query(`DROP TABLE membership_imports`);
  }
}

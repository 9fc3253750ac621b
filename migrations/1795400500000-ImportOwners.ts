import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import records the database session that runs it (its backend's pid and start), so a run
 * whose process died (kill -9, a crash) is told from one still running, on any replica: its
 * session is gone. Such a run, and any that fails, keeps the reason it failed.
 */
export class ImportOwners1795400500000 implements MigrationInterface {
  name = 'ImportOwners1795400500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE membership_imports
        ADD COLUMN failure_reason text,
        ADD COLUMN backend_pid integer,
        ADD COLUMN backend_start timestamptz`);
    await q.query(`
      UPDATE membership_imports
         SET failure_reason = 'Failed before the reason was recorded; nothing was written'
       WHERE status = 'failed'`);
    await q.query(`
      ALTER TABLE membership_imports ADD CONSTRAINT ck_membership_imports_failure_reason
        CHECK (status <> 'failed' OR failure_reason IS NOT NULL)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE membership_imports
        DROP CONSTRAINT ck_membership_imports_failure_reason,
        DROP COLUMN failure_reason,
        DROP COLUMN backend_pid,
        DROP COLUMN backend_start`);
  }
}

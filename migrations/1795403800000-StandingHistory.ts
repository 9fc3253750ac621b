import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a standing asked of a past day reads. A membership suspension's announced last day is kept
 * on its dated change, as a credential's is on its event: the membership row holds only the
 * current one (suspensions in force now take theirs from it). An organisation asking of a
 * holder's standing is logged with the credential it named, as a check is.
 */
export class StandingHistory1795403800000 implements MigrationInterface {
  name = 'StandingHistory1795403800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE membership_status_changes ADD suspended_until date NULL`);
    await q.query(`
      ALTER TABLE membership_status_changes ADD CONSTRAINT ck_membership_status_changes_suspended_until
        CHECK (suspended_until IS NULL OR to_status = 'suspended')`);
    await q.query(`
      UPDATE membership_status_changes c SET suspended_until = m.suspended_until
        FROM memberships m
       WHERE m.id = c.membership_id AND m.status = 'suspended' AND m.suspended_until IS NOT NULL
         AND c.id = (SELECT last.id FROM membership_status_changes last
                      WHERE last.membership_id = m.id AND last.to_status = 'suspended'
                      ORDER BY last.effective_on DESC, last.created_at DESC LIMIT 1)`);
    await q.query(`ALTER TABLE verification_log DROP CONSTRAINT ck_verification_log_channel`);
    await q.query(`
      ALTER TABLE verification_log ADD CONSTRAINT ck_verification_log_channel
        CHECK (channel IN ('single', 'bulk', 'standing'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM verification_log WHERE channel = 'standing'`);
    await q.query(`ALTER TABLE verification_log DROP CONSTRAINT ck_verification_log_channel`);
    await q.query(`
      ALTER TABLE verification_log ADD CONSTRAINT ck_verification_log_channel
        CHECK (channel IN ('single', 'bulk'))`);
    await q.query(`ALTER TABLE membership_status_changes DROP COLUMN suspended_until`);
  }
}

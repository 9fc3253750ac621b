import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A remembered standing keeps the cycle it was worked out for (a credential's validity period,
 * or the day membership began): a renewal begins a new period under the same number, and what
 * was remembered for the period before no longer holds. Rows remembered before hold no cycle and
 * are worked out again.
 */
export class CpdRememberedCycle1795404600000 implements MigrationInterface {
  name = 'CpdRememberedCycle1795404600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE cpd_remembered_standings ADD COLUMN holder_cycle text NOT NULL DEFAULT ''`,
    );
    await q.query(`ALTER TABLE cpd_remembered_standings ALTER COLUMN holder_cycle DROP DEFAULT`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE cpd_remembered_standings DROP COLUMN holder_cycle`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An appeal's decision confirms, changes or quashes the first one: a sanction knows whether the
 * decision or the appeal imposed it, and when a later decision set it aside; only what stands
 * when the case is final takes effect.
 */
export class CaseAppeals1795402500000 implements MigrationInterface {
  name = 'CaseAppeals1795402500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE case_sanctions ADD COLUMN stage varchar(10) NOT NULL DEFAULT 'decision'`,
    );
    await q.query(`ALTER TABLE case_sanctions ADD COLUMN superseded_on date NULL`);
    await q.query(`
      ALTER TABLE case_sanctions ADD CONSTRAINT ck_case_sanctions_stage
        CHECK (stage IN ('decision', 'appeal'))`);
    await q.query(`
      ALTER TABLE case_sanctions ADD CONSTRAINT ck_case_sanctions_superseded
        CHECK (superseded_on IS NULL OR took_effect_on IS NULL)`);
    await q.query(`ALTER TABLE ethics_cases ADD COLUMN appeal_outcome varchar(10) NULL`);
    await q.query(`
      ALTER TABLE ethics_cases ADD CONSTRAINT ck_ethics_cases_appeal_outcome
        CHECK (appeal_outcome IN ('confirmed', 'changed', 'quashed'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ethics_cases DROP COLUMN appeal_outcome`);
    await q.query(`ALTER TABLE case_sanctions DROP COLUMN superseded_on`);
    await q.query(`ALTER TABLE case_sanctions DROP COLUMN stage`);
  }
}

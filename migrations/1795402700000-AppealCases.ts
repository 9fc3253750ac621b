import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An appeal is a case of its own before the appeal council, linked to the first: it shares the
 * complaint, has its own officers, timeline and clocks, and decides what the first case's outcome
 * is. One first-instance case and at most one appeal per complaint.
 */
export class AppealCases1795402700000 implements MigrationInterface {
  name = 'AppealCases1795402700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ethics_cases DROP CONSTRAINT uq_ethics_cases_complaint_id`);
    await q.query(
      `ALTER TABLE ethics_cases ADD COLUMN body varchar(20) NOT NULL DEFAULT 'honour_council'`,
    );
    await q.query(`ALTER TABLE ethics_cases ADD COLUMN appeal_of_case_id uuid NULL`);
    await q.query(`
      ALTER TABLE ethics_cases ADD CONSTRAINT uq_ethics_cases_complaint_id_body
        UNIQUE (complaint_id, body)`);
    await q.query(`
      ALTER TABLE ethics_cases ADD CONSTRAINT uq_ethics_cases_appeal_of_case_id
        UNIQUE (appeal_of_case_id)`);
    await q.query(`
      ALTER TABLE ethics_cases ADD CONSTRAINT ck_ethics_cases_body
        CHECK (body IN ('honour_council', 'appeal_council'))`);
    await q.query(`
      ALTER TABLE ethics_cases ADD CONSTRAINT ck_ethics_cases_appeal_of
        CHECK ((appeal_of_case_id IS NULL) = (body = 'honour_council'))`);
    await q.query(`
      ALTER TABLE ethics_cases ADD CONSTRAINT fk_ethics_cases_appeal_of_case_id
        FOREIGN KEY (appeal_of_case_id) REFERENCES ethics_cases(id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'ethics_case_events',
      'ethics_case_assignments',
      'ethics_case_reads',
      'ethics_case_recusals',
    ]) {
      await q.query(
        `DELETE FROM ${table} WHERE case_id IN (SELECT id FROM ethics_cases WHERE appeal_of_case_id IS NOT NULL)`,
      );
    }
    await q.query(`DELETE FROM ethics_cases WHERE appeal_of_case_id IS NOT NULL`);
    await q.query(`ALTER TABLE ethics_cases DROP CONSTRAINT uq_ethics_cases_complaint_id_body`);
    await q.query(`ALTER TABLE ethics_cases DROP COLUMN appeal_of_case_id`);
    await q.query(`ALTER TABLE ethics_cases DROP COLUMN body`);
    await q.query(`
      ALTER TABLE ethics_cases ADD CONSTRAINT uq_ethics_cases_complaint_id UNIQUE (complaint_id)`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An officer who declares a conflict of interest in a case is recused: they no longer read or
 * act on it, and the recusal, with its reason, is on the case's timeline.
 */
export class CaseRecusals1795402300000 implements MigrationInterface {
  name = 'CaseRecusals1795402300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ethics_case_recusals (
        case_id uuid NOT NULL,
        account_id uuid NOT NULL,
        reason text NOT NULL,
        declared_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ethics_case_recusals PRIMARY KEY (case_id, account_id),
        CONSTRAINT fk_ethics_case_recusals_case_id FOREIGN KEY (case_id) REFERENCES ethics_cases (id),
        CONSTRAINT fk_ethics_case_recusals_account_id FOREIGN KEY (account_id) REFERENCES accounts (id),
        CONSTRAINT ck_ethics_case_recusals_reason CHECK (btrim(reason) <> '')
      )`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_kind`);
    await q.query(`
      ALTER TABLE ethics_case_events ADD CONSTRAINT ck_ethics_case_events_kind
        CHECK (kind IN ('opened', 'moved', 'note', 'answer', 'assigned', 'unassigned', 'recused'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ethics_case_events WHERE kind = 'recused'`);
    await q.query(`ALTER TABLE ethics_case_events DROP CONSTRAINT ck_ethics_case_events_kind`);
    await q.query(`
      ALTER TABLE ethics_case_events ADD CONSTRAINT ck_ethics_case_events_kind
        CHECK (kind IN ('opened', 'moved', 'note', 'answer', 'assigned', 'unassigned'))`);
    await q.query(`DROP TABLE ethics_case_recusals`);
  }
}

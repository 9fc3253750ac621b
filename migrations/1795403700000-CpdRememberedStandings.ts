import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each holder stood on a CPD policy, remembered so the compliance report over a million
 * members need not sum twenty million credits again. Both tables are derived: a person's credit
 * revision counts the changes to their credits (bumped in the transaction that makes them), and a
 * remembered standing holds only while its revision, its policy's versions and its days still
 * match; otherwise the report works it out again and remembers the new answer.
 */
export class CpdRememberedStandings1795403700000 implements MigrationInterface {
  name = 'CpdRememberedStandings1795403700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cpd_credit_revisions (
        person_id uuid NOT NULL,
        revision bigint NOT NULL,
        CONSTRAINT pk_cpd_credit_revisions PRIMARY KEY (person_id)
      )`);
    await q.query(`
      CREATE TABLE cpd_remembered_standings (
        policy_code varchar(40) NOT NULL,
        holder_number varchar(100) NOT NULL,
        person_id uuid NOT NULL,
        policy_revision varchar(64) NOT NULL,
        credit_revision bigint NOT NULL,
        computed_on date NOT NULL,
        valid_through date NOT NULL,
        met boolean NOT NULL,
        csv_figures text NULL,
        CONSTRAINT pk_cpd_remembered_standings PRIMARY KEY (policy_code, holder_number),
        CONSTRAINT ck_cpd_remembered_standings_behind
          CHECK (met = (csv_figures IS NULL))
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cpd_remembered_standings`);
    await q.query(`DROP TABLE cpd_credit_revisions`);
  }
}

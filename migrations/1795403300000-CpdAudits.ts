import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CPD audits: a share of the holders of an obligation drawn at random from a stored seed (the
 * same seed draws the same people), each audited credit confirmed or removed with a reason (a
 * removed credit stops counting everywhere), and the outcome recorded per person. A credit's
 * evidence is an evidence file of the credit.
 */
export class CpdAudits1795403300000 implements MigrationInterface {
  name = 'CpdAudits1795403300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cpd_audits (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        policy_code varchar(40) NOT NULL,
        as_of date NOT NULL,
        share_percent numeric(5,2) NOT NULL,
        seed varchar(64) NOT NULL,
        population integer NOT NULL,
        drawn_by_account_id uuid NOT NULL,
        drawn_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_cpd_audits PRIMARY KEY (id),
        CONSTRAINT fk_cpd_audits_drawn_by_account_id FOREIGN KEY (drawn_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_cpd_audits_share_percent CHECK (share_percent > 0 AND share_percent <= 100),
        CONSTRAINT ck_cpd_audits_population CHECK (population >= 0)
      )`);
    await q.query(`
      CREATE TABLE cpd_audit_members (
        audit_id uuid NOT NULL,
        person_id uuid NOT NULL,
        outcome varchar(10) NOT NULL DEFAULT 'pending',
        outcome_reason text NULL,
        decided_at timestamptz NULL,
        CONSTRAINT pk_cpd_audit_members PRIMARY KEY (audit_id, person_id),
        CONSTRAINT fk_cpd_audit_members_audit_id FOREIGN KEY (audit_id) REFERENCES cpd_audits (id),
        CONSTRAINT fk_cpd_audit_members_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT ck_cpd_audit_members_outcome CHECK (outcome IN ('pending', 'passed', 'failed')),
        CONSTRAINT ck_cpd_audit_members_reason
          CHECK (outcome = 'pending' OR btrim(coalesce(outcome_reason, '')) <> '')
      )`);
    await q.query(`
      ALTER TABLE cpd_credits
        ADD COLUMN removed_on date NULL,
        ADD COLUMN removed_reason text NULL,
        ADD COLUMN removed_in_audit_id uuid NULL,
        ADD CONSTRAINT fk_cpd_credits_removed_in_audit_id
            FOREIGN KEY (removed_in_audit_id) REFERENCES cpd_audits (id),
        ADD CONSTRAINT ck_cpd_credits_removed
            CHECK ((removed_on IS NULL) = (removed_reason IS NULL))`);
    await q.query(
      `ALTER TABLE evidence_documents DROP CONSTRAINT ck_evidence_documents_subject_type`,
    );
    await q.query(`
      ALTER TABLE evidence_documents ADD CONSTRAINT ck_evidence_documents_subject_type
        CHECK (subject_type IN ('qualification', 'credential', 'ethics_case', 'cpd_credit'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM evidence_documents WHERE subject_type = 'cpd_credit'`);
    await q.query(
      `ALTER TABLE evidence_documents DROP CONSTRAINT ck_evidence_documents_subject_type`,
    );
    await q.query(`
      ALTER TABLE evidence_documents ADD CONSTRAINT ck_evidence_documents_subject_type
        CHECK (subject_type IN ('qualification', 'credential', 'ethics_case'))`);
    await q.query(`
      ALTER TABLE cpd_credits
        DROP CONSTRAINT ck_cpd_credits_removed,
        DROP CONSTRAINT fk_cpd_credits_removed_in_audit_id,
        DROP COLUMN removed_in_audit_id,
        DROP COLUMN removed_reason,
        DROP COLUMN removed_on`);
    await q.query(`DROP TABLE cpd_audit_members`);
    await q.query(`DROP TABLE cpd_audits`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's claim for credits outside the accredited list comes with its evidence (the paper,
 * the certificate from abroad): an evidence file of the claim, which the officer reads before
 * deciding and which stays behind the credit the claim became.
 */
export class CpdClaimEvidence1795403500000 implements MigrationInterface {
  name = 'CpdClaimEvidence1795403500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE evidence_documents DROP CONSTRAINT ck_evidence_documents_subject_type`,
    );
    await q.query(`
      ALTER TABLE evidence_documents ADD CONSTRAINT ck_evidence_documents_subject_type
        CHECK (subject_type IN ('qualification', 'credential', 'ethics_case', 'cpd_credit',
                                'cpd_claim'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM evidence_documents WHERE subject_type = 'cpd_claim'`);
    await q.query(
      `ALTER TABLE evidence_documents DROP CONSTRAINT ck_evidence_documents_subject_type`,
    );
    await q.query(`
      ALTER TABLE evidence_documents ADD CONSTRAINT ck_evidence_documents_subject_type
        CHECK (subject_type IN ('qualification', 'credential', 'ethics_case', 'cpd_credit'))`);
  }
}

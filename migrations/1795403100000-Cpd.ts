import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Continuing professional development: policies as dated versions of rules (a cycle is read under
 * the version in force when it began), credits recorded once whatever their source, and members'
 * claims for activity outside the accredited list, decided by a CPD officer.
 */
export class Cpd1795403100000 implements MigrationInterface {
  name = 'Cpd1795403100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cpd_policies (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL,
        name varchar(200) NOT NULL,
        effective_from date NOT NULL,
        credential_type_code varchar(40) NULL,
        rules jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_cpd_policies PRIMARY KEY (id),
        CONSTRAINT uq_cpd_policies_code_effective_from UNIQUE (code, effective_from),
        CONSTRAINT ck_cpd_policies_code CHECK (code ~ '^[A-Z][A-Z0-9_-]{0,39}$')
      )`);
    await q.query(`
      CREATE TABLE cpd_claims (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        title varchar(300) NOT NULL,
        domain varchar(40) NOT NULL,
        category varchar(40) NOT NULL,
        earned_on date NOT NULL,
        credits_claimed numeric(7,2) NOT NULL,
        credits_granted numeric(7,2) NULL,
        status varchar(12) NOT NULL DEFAULT 'submitted',
        status_reason text NULL,
        decided_by_account_id uuid NULL,
        decided_at timestamptz NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_cpd_claims PRIMARY KEY (id),
        CONSTRAINT fk_cpd_claims_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_cpd_claims_decided_by_account_id
          FOREIGN KEY (decided_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_cpd_claims_status
          CHECK (status IN ('submitted', 'approved', 'rejected', 'needs_info')),
        CONSTRAINT ck_cpd_claims_credits_claimed CHECK (credits_claimed > 0),
        CONSTRAINT ck_cpd_claims_credits_granted
          CHECK ((status = 'approved') = (credits_granted IS NOT NULL) AND (credits_granted IS NULL OR credits_granted > 0)),
        CONSTRAINT ck_cpd_claims_reason
          CHECK (status = 'submitted' OR btrim(coalesce(status_reason, '')) <> '')
      )`);
    await q.query(`CREATE INDEX ix_cpd_claims_person_id ON cpd_claims (person_id)`);
    await q.query(`CREATE INDEX ix_cpd_claims_status ON cpd_claims (status, submitted_at)`);
    await q.query(`
      CREATE TABLE cpd_credits (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        title varchar(300) NOT NULL,
        domain varchar(40) NOT NULL,
        category varchar(40) NOT NULL,
        earned_on date NOT NULL,
        credits numeric(7,2) NOT NULL,
        source varchar(20) NOT NULL,
        claim_id uuid NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_cpd_credits PRIMARY KEY (id),
        CONSTRAINT fk_cpd_credits_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_cpd_credits_claim_id FOREIGN KEY (claim_id) REFERENCES cpd_claims (id),
        CONSTRAINT uq_cpd_credits_claim_id UNIQUE (claim_id),
        CONSTRAINT ck_cpd_credits_credits CHECK (credits > 0),
        CONSTRAINT ck_cpd_credits_source CHECK (source IN ('claim')),
        CONSTRAINT ck_cpd_credits_claim CHECK ((source = 'claim') = (claim_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX ix_cpd_credits_person_id ON cpd_credits (person_id, earned_on)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE cpd_credits`);
    await q.query(`DROP TABLE cpd_claims`);
    await q.query(`DROP TABLE cpd_policies`);
  }
}

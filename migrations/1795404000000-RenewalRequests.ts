import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Renewal requests of credentials issued here and of memberships, each with the eligibility
 * report it was decided on. One request is open per credential or membership at a time, and one
 * is approved per expiry: two renewals arriving together make one period. A credential renewed
 * keeps an event of it.
 */
export class RenewalRequests1795404000000 implements MigrationInterface {
  name = 'RenewalRequests1795404000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE renewal_requests (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        credential_id uuid NULL,
        membership_id uuid NULL,
        ends_on date NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'submitted',
        eligibility jsonb NOT NULL,
        automatic boolean NOT NULL DEFAULT false,
        reason text NULL,
        new_starts_on date NULL,
        new_ends_on date NULL,
        submitted_by_account_id uuid NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        decided_by_account_id uuid NULL,
        decided_at timestamptz NULL,
        CONSTRAINT pk_renewal_requests PRIMARY KEY (id),
        CONSTRAINT fk_renewal_requests_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_renewal_requests_credential_id FOREIGN KEY (credential_id) REFERENCES credentials (id),
        CONSTRAINT fk_renewal_requests_membership_id FOREIGN KEY (membership_id) REFERENCES memberships (id),
        CONSTRAINT fk_renewal_requests_submitted_by_account_id FOREIGN KEY (submitted_by_account_id) REFERENCES accounts (id),
        CONSTRAINT fk_renewal_requests_decided_by_account_id FOREIGN KEY (decided_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_renewal_requests_subject CHECK ((credential_id IS NULL) <> (membership_id IS NULL)),
        CONSTRAINT ck_renewal_requests_status CHECK (status IN ('submitted', 'approved', 'rejected')),
        CONSTRAINT ck_renewal_requests_decision CHECK (
          (status = 'submitted') = (decided_at IS NULL)
          AND (status <> 'rejected' OR btrim(coalesce(reason, '')) <> '')
          AND (status <> 'approved' OR new_starts_on IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_renewal_requests_person_id ON renewal_requests (person_id, submitted_at)`,
    );
    await q.query(`
      CREATE UNIQUE INDEX uq_renewal_requests_open_credential ON renewal_requests (credential_id)
       WHERE status = 'submitted' AND credential_id IS NOT NULL`);
    await q.query(`
      CREATE UNIQUE INDEX uq_renewal_requests_open_membership ON renewal_requests (membership_id)
       WHERE status = 'submitted' AND membership_id IS NOT NULL`);
    await q.query(`
      CREATE UNIQUE INDEX uq_renewal_requests_approved_credential ON renewal_requests (credential_id, ends_on)
       WHERE status = 'approved' AND credential_id IS NOT NULL`);
    await q.query(`
      CREATE UNIQUE INDEX uq_renewal_requests_approved_membership ON renewal_requests (membership_id, ends_on)
       WHERE status = 'approved' AND membership_id IS NOT NULL`);
    await q.query(`ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_event`);
    await q.query(`
      ALTER TABLE credential_events ADD CONSTRAINT ck_credential_events_event
        CHECK (event IN ('issued', 'recorded', 'verified', 'rejected', 'suspended', 'reinstated', 'revoked', 'resubmitted', 'renewed'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM credential_events WHERE event = 'renewed'`);
    await q.query(`ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_event`);
    await q.query(`
      ALTER TABLE credential_events ADD CONSTRAINT ck_credential_events_event
        CHECK (event IN ('issued', 'recorded', 'verified', 'rejected', 'suspended', 'reinstated', 'revoked', 'resubmitted'))`);
    await q.query(`DROP TABLE renewal_requests`);
  }
}

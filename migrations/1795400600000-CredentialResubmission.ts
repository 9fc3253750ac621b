import type { MigrationInterface, QueryRunner } from 'typeorm';

const EVENTS = (resubmitted: boolean) =>
  `'issued', 'recorded', 'verified', 'rejected', 'suspended', 'reinstated', 'revoked'${
    resubmitted ? `, 'resubmitted'` : ''
  }`;

/** A rejected licence can be corrected and sent for verification again: a `resubmitted` event. */
export class CredentialResubmission1795400600000 implements MigrationInterface {
  name = 'CredentialResubmission1795400600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_event`);
    await q.query(
      `ALTER TABLE credential_events ADD CONSTRAINT ck_credential_events_event CHECK (event IN (${EVENTS(true)}))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM credential_events WHERE event = 'resubmitted'`);
    await q.query(`ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_event`);
    await q.query(
      `ALTER TABLE credential_events ADD CONSTRAINT ck_credential_events_event CHECK (event IN (${EVENTS(false)}))`,
    );
  }
}

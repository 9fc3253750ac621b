import type { MigrationInterface, QueryRunner } from 'typeorm';

const EVENTS = (ended: boolean) =>
  `'issued', 'recorded', 'verified', 'rejected', 'suspended', 'reinstated', 'revoked', 'resubmitted', 'renewed', 'superseded'${
    ended ? `, 'ended'` : ''
  }`;

/**
 * A credential issued for a place of practice (a SIP) ends when practice there ends: an `ended`
 * event brings its last day forward and keeps the last day it had announced.
 */
export class CredentialPracticeEnded1795406300000 implements MigrationInterface {
  name = 'CredentialPracticeEnded1795406300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_event`);
    await q.query(
      `ALTER TABLE credential_events ADD CONSTRAINT ck_credential_events_event CHECK (event IN (${EVENTS(true)}))`,
    );
    await q.query(`ALTER TABLE credential_events ADD COLUMN announced_until date NULL`);
    await q.query(`
      ALTER TABLE credential_events ADD CONSTRAINT ck_credential_events_announced_until
        CHECK (announced_until IS NULL OR event = 'ended')`);
    await q.query(`
      ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_reason,
        ADD CONSTRAINT ck_credential_events_reason CHECK (
          event NOT IN ('rejected', 'suspended', 'reinstated', 'revoked', 'ended')
          OR btrim(coalesce(reason, '')) <> '')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // An ended credential keeps the last day it was brought forward to; the event goes.
    await q.query(`DELETE FROM credential_events WHERE event = 'ended'`);
    await q.query(`
      ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_reason,
        ADD CONSTRAINT ck_credential_events_reason CHECK (
          event NOT IN ('rejected', 'suspended', 'reinstated', 'revoked')
          OR btrim(coalesce(reason, '')) <> '')`);
    await q.query(
      `ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_announced_until`,
    );
    await q.query(`ALTER TABLE credential_events DROP COLUMN announced_until`);
    await q.query(`ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_event`);
    await q.query(
      `ALTER TABLE credential_events ADD CONSTRAINT ck_credential_events_event CHECK (event IN (${EVENTS(false)}))`,
    );
  }
}

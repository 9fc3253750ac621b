import type { MigrationInterface, QueryRunner } from 'typeorm';

const EVENTS = (superseded: boolean) =>
  `'issued', 'recorded', 'verified', 'rejected', 'suspended', 'reinstated', 'revoked', 'resubmitted', 'renewed'${
    superseded ? `, 'superseded'` : ''
  }`;

const STATUSES = (superseded: boolean) =>
  `'active', 'suspended', 'revoked'${superseded ? `, 'superseded'` : ''}`;

/** The public view of credentials (1795405300000), with the public successor of one superseded. */
const publicCredentials = (withSuccessor: boolean) => `
  CREATE VIEW public_credentials AS
  SELECT c.id,
         c.number,
         c.status,
         c.status_changed_at,
         c.suspended_until,
         c.valid_from,
         c.valid_until,
         c.issuing_authority,
         t.code AS type_code,
         t.name AS type_name,
         pr.name AS profession,
         pr.code AS profession_code,
         p.full_name,
         coalesce((SELECT m.chapter_id FROM memberships m WHERE m.person_id = c.person_id),
                  (SELECT a.chapter_id FROM membership_applications a
                    WHERE a.person_id = c.person_id AND a.status IN ('draft', 'submitted', 'under_review'))) AS chapter_id,
         (SELECT coalesce(json_agg(json_build_object('event', e.event, 'at', e.occurred_at, 'on', e.effective_on, 'until', e.suspended_until, 'suspension', e.suspension_id) ORDER BY e.occurred_at), '[]')
            FROM credential_events e
           WHERE e.credential_id = c.id AND e.event IN ('suspended', 'reinstated', 'revoked')) AS sanction_events,
         p.folded_name,
         c.person_id${
           withSuccessor
             ? `,
         (SELECT s.number FROM credentials s JOIN credential_types st ON st.id = s.credential_type_id
           WHERE s.id = c.superseded_by_id AND s.verification_status = 'verified'
             AND st.publicly_verifiable) AS superseded_by`
             : ''
         }
    FROM credentials c
    JOIN credential_types t ON t.id = c.credential_type_id
    JOIN persons p ON p.id = c.person_id
    LEFT JOIN professions pr ON pr.id = t.profession_id
   WHERE c.verification_status = 'verified' AND t.publicly_verifiable`;

/**
 * A credential replaced by a later one of the same person (a grade upgraded, IPP to IPM): its
 * status `superseded`, pointing to its successor, neither in force nor a sanction.
 */
export class CredentialSuperseded1795405600000 implements MigrationInterface {
  name = 'CredentialSuperseded1795405600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credentials ADD COLUMN superseded_by_id uuid NULL`);
    await q.query(
      `ALTER TABLE credentials ADD CONSTRAINT fk_credentials_superseded_by_id FOREIGN KEY (superseded_by_id) REFERENCES credentials(id)`,
    );
    await q.query(`ALTER TABLE credentials DROP CONSTRAINT ck_credentials_status`);
    await q.query(
      `ALTER TABLE credentials ADD CONSTRAINT ck_credentials_status CHECK (status IN (${STATUSES(true)}))`,
    );
    await q.query(
      `ALTER TABLE credentials ADD CONSTRAINT ck_credentials_superseded_by CHECK ((status = 'superseded') = (superseded_by_id IS NOT NULL))`,
    );
    await q.query(`ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_event`);
    await q.query(
      `ALTER TABLE credential_events ADD CONSTRAINT ck_credential_events_event CHECK (event IN (${EVENTS(true)}))`,
    );
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(false));
    await q.query(`DELETE FROM credential_events WHERE event = 'superseded'`);
    await q.query(`ALTER TABLE credential_events DROP CONSTRAINT ck_credential_events_event`);
    await q.query(
      `ALTER TABLE credential_events ADD CONSTRAINT ck_credential_events_event CHECK (event IN (${EVENTS(false)}))`,
    );
    await q.query(`ALTER TABLE credentials DROP CONSTRAINT ck_credentials_superseded_by`);
    await q.query(`UPDATE credentials SET status = 'revoked' WHERE status = 'superseded'`);
    await q.query(`ALTER TABLE credentials DROP CONSTRAINT ck_credentials_status`);
    await q.query(
      `ALTER TABLE credentials ADD CONSTRAINT ck_credentials_status CHECK (status IN (${STATUSES(false)}))`,
    );
    await q.query(`ALTER TABLE credentials DROP CONSTRAINT fk_credentials_superseded_by_id`);
    await q.query(`ALTER TABLE credentials DROP COLUMN superseded_by_id`);
  }
}

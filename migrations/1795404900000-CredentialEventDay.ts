import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The public view of credentials (1795404800000), each sanction event with the day it took effect. */
const publicCredentials = (withDay: boolean) => `
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
         p.chapter_id,
         (SELECT coalesce(json_agg(json_build_object('event', e.event, 'at', e.occurred_at, ${
           withDay ? `'on', e.effective_on, ` : ''
         }'until', e.suspended_until, 'suspension', e.suspension_id) ORDER BY e.occurred_at), '[]')
            FROM credential_events e
           WHERE e.credential_id = c.id AND e.event IN ('suspended', 'reinstated', 'revoked')) AS sanction_events,
         p.folded_name,
         c.person_id
    FROM credentials c
    JOIN credential_types t ON t.id = c.credential_type_id
    JOIN persons p ON p.id = c.person_id
    LEFT JOIN professions pr ON pr.id = t.profession_id
   WHERE c.verification_status = 'verified' AND t.publicly_verifiable`;

/**
 * A credential's event is dated on the association's calendar, as a membership's status change
 * is (`effective_on`): the standing on a past day and the public answer read the day a suspension
 * or revocation took effect from it, not from the server's clock. Events kept before this have
 * no such day; readers date them from `occurred_at` in the association's zone, as before.
 */
export class CredentialEventDay1795404900000 implements MigrationInterface {
  name = 'CredentialEventDay1795404900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credential_events ADD COLUMN effective_on date`);
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(false));
    await q.query(`ALTER TABLE credential_events DROP COLUMN effective_on`);
  }
}

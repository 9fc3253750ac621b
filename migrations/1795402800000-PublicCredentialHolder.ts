import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The public view of credentials (1795401300000), with the holder's id last. */
const publicCredentials = (withHolder: boolean) => `
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
         (SELECT coalesce(json_agg(json_build_object('event', e.event, 'at', e.occurred_at, 'until', e.suspended_until) ORDER BY e.occurred_at), '[]')
            FROM credential_events e
           WHERE e.credential_id = c.id AND e.event IN ('suspended', 'reinstated', 'revoked')) AS sanction_events,
         p.folded_name${withHolder ? ',\n         c.person_id' : ''}
    FROM credentials c
    JOIN credential_types t ON t.id = c.credential_type_id
    JOIN persons p ON p.id = c.person_id
    LEFT JOIN professions pr ON pr.id = t.profession_id
   WHERE c.verification_status = 'verified' AND t.publicly_verifiable`;

/**
 * The public answer shows, beside any credential, the holder's final public ethics sanctions:
 * an outside credential (STR, SIP) is not the association's to suspend, so a verifier learns of a
 * suspension there. The view gives the holder's id for that; nothing outside the server sees it.
 */
export class PublicCredentialHolder1795402800000 implements MigrationInterface {
  name = 'PublicCredentialHolder1795402800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(false));
  }
}

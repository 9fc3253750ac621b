import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the public may know of a credential, in one place: only verified credentials, only the
 * fields DOMAIN.md lists (holder's name, type, number, status, dates, issuer, sanctions). The
 * public verification path reads this view and nothing else.
 */
export class PublicCredentials1795348974446 implements MigrationInterface {
  name = 'PublicCredentials1795348974446';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
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
             t.profession,
             p.full_name,
             p.chapter_id,
             (SELECT coalesce(json_agg(json_build_object('event', e.event, 'at', e.occurred_at) ORDER BY e.occurred_at), '[]')
                FROM credential_events e
               WHERE e.credential_id = c.id AND e.event IN ('suspended', 'reinstated', 'revoked')) AS sanction_events
        FROM credentials c
        JOIN credential_types t ON t.id = c.credential_type_id
        JOIN persons p ON p.id = c.person_id
       WHERE c.verification_status = 'verified'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_credentials`);
  }
}

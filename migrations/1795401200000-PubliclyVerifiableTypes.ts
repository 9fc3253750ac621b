import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The public view of credentials (1795400400000), now of types the association shows verifiers. */
const publicCredentials = (onlyPubliclyVerifiable: boolean) => `
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
         (SELECT coalesce(json_agg(json_build_object('event', e.event, 'at', e.occurred_at, 'until', e.suspended_until) ORDER BY e.occurred_at), '[]')
            FROM credential_events e
           WHERE e.credential_id = c.id AND e.event IN ('suspended', 'reinstated', 'revoked')) AS sanction_events,
         p.folded_name
    FROM credentials c
    JOIN credential_types t ON t.id = c.credential_type_id
    JOIN persons p ON p.id = c.person_id
   WHERE c.verification_status = 'verified'${onlyPubliclyVerifiable ? ' AND t.publicly_verifiable' : ''}`;

/**
 * Some credentials are the association's to know and not a verifier's (an internship letter, a
 * training certificate on the way to a licence): a type says whether verifiers see it.
 */
export class PubliclyVerifiableTypes1795401200000 implements MigrationInterface {
  name = 'PubliclyVerifiableTypes1795401200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE credential_types ADD COLUMN publicly_verifiable boolean NOT NULL DEFAULT true`,
    );
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(false));
    await q.query(`ALTER TABLE credential_types DROP COLUMN publicly_verifiable`);
  }
}

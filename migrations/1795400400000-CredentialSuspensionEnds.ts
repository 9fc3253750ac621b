import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The public view of credentials (1795400300000), its sanction events now carrying a suspension's announced end. */
const publicCredentials = (announcedEnds: boolean) => `
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
         (SELECT coalesce(json_agg(json_build_object('event', e.event, 'at', e.occurred_at${
           announcedEnds ? `, 'until', e.suspended_until` : ''
         }) ORDER BY e.occurred_at), '[]')
            FROM credential_events e
           WHERE e.credential_id = c.id AND e.event IN ('suspended', 'reinstated', 'revoked')) AS sanction_events,
         p.folded_name
    FROM credentials c
    JOIN credential_types t ON t.id = c.credential_type_id
    JOIN persons p ON p.id = c.person_id
   WHERE c.verification_status = 'verified'`;

/**
 * A suspension's announced end is kept on its `suspended` event, so lifting it early (or its
 * end passing) never rewrites what was announced: the credential row holds only the suspension
 * in force, the events hold every one as announced and as it happened.
 */
export class CredentialSuspensionEnds1795400400000 implements MigrationInterface {
  name = 'CredentialSuspensionEnds1795400400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credential_events ADD COLUMN suspended_until date`);
    await q.query(`
      ALTER TABLE credential_events ADD CONSTRAINT ck_credential_events_suspended_until
        CHECK (suspended_until IS NULL OR event = 'suspended')`);
    // Announced ends so far: the audit row written with each suspension, in the same transaction.
    await q.query(`
      UPDATE credential_events e
         SET suspended_until = (a.after ->> 'suspendedUntil')::date
        FROM audit_events a
       WHERE e.event = 'suspended'
         AND a.entity_type = 'credential' AND a.entity_id = e.credential_id::text
         AND a.action = 'credential.suspended' AND a.occurred_at = e.occurred_at
         AND a.after ->> 'suspendedUntil' IS NOT NULL`);
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(false));
    await q.query(`ALTER TABLE credential_events DROP COLUMN suspended_until`);
  }
}

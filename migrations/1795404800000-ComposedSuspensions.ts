import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The public view of credentials (1795402800000), each sanction event naming the suspension it opens or lifts. */
const publicCredentials = (withSuspension: boolean) => `
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
         (SELECT coalesce(json_agg(json_build_object('event', e.event, 'at', e.occurred_at, 'until', e.suspended_until${
           withSuspension ? `, 'suspension', e.suspension_id` : ''
         }) ORDER BY e.occurred_at), '[]')
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
 * Suspensions compose: each is kept with its source (staff, an ethics sanction, the membership a
 * card follows, the end of a membership), its period and its lifting. A membership or credential
 * is suspended while any one holds; its row keeps the suspension in force as the union of those
 * that hold today, so every reader of `status` and `suspended_until` stays as it was.
 */
export class ComposedSuspensions1795404800000 implements MigrationInterface {
  name = 'ComposedSuspensions1795404800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE membership_suspensions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        membership_id uuid NOT NULL,
        source varchar(20) NOT NULL,
        source_id uuid,
        reason text NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        lifted_on date,
        lift_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_membership_suspensions PRIMARY KEY (id),
        CONSTRAINT fk_membership_suspensions_membership_id FOREIGN KEY (membership_id) REFERENCES memberships (id),
        CONSTRAINT ck_membership_suspensions_source CHECK (source IN ('staff', 'sanction')),
        CONSTRAINT ck_membership_suspensions_reason CHECK (btrim(reason) <> ''),
        CONSTRAINT ck_membership_suspensions_ends_on CHECK (ends_on IS NULL OR ends_on >= starts_on),
        CONSTRAINT ck_membership_suspensions_lifted CHECK ((lifted_on IS NULL) = (lift_reason IS NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_membership_suspensions_membership_id ON membership_suspensions (membership_id, starts_on)`,
    );
    await q.query(`
      CREATE UNIQUE INDEX uq_membership_suspensions_source_id
        ON membership_suspensions (membership_id, source_id) WHERE source_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE credential_suspensions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        credential_id uuid NOT NULL,
        source varchar(20) NOT NULL,
        source_id uuid,
        reason text NOT NULL,
        starts_on date NOT NULL,
        ends_on date,
        lifted_on date,
        lift_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_credential_suspensions PRIMARY KEY (id),
        CONSTRAINT fk_credential_suspensions_credential_id FOREIGN KEY (credential_id) REFERENCES credentials (id),
        CONSTRAINT ck_credential_suspensions_source CHECK (source IN ('staff', 'sanction', 'membership', 'membership_end')),
        CONSTRAINT ck_credential_suspensions_reason CHECK (btrim(reason) <> ''),
        CONSTRAINT ck_credential_suspensions_ends_on CHECK (ends_on IS NULL OR ends_on >= starts_on),
        CONSTRAINT ck_credential_suspensions_lifted CHECK ((lifted_on IS NULL) = (lift_reason IS NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_credential_suspensions_credential_id ON credential_suspensions (credential_id, starts_on)`,
    );
    await q.query(`
      CREATE UNIQUE INDEX uq_credential_suspensions_source_id
        ON credential_suspensions (credential_id, source_id) WHERE source_id IS NOT NULL`);
    await q.query(`ALTER TABLE credential_events ADD COLUMN suspension_id uuid`);
    await q.query(`
      ALTER TABLE credential_events ADD CONSTRAINT fk_credential_events_suspension_id
        FOREIGN KEY (suspension_id) REFERENCES credential_suspensions (id)`);
    await q.query(`
      CREATE INDEX ix_credential_events_suspension_id ON credential_events (suspension_id)
        WHERE suspension_id IS NOT NULL`);

    // The suspensions in force so far become the first kept ones, from the day they began.
    await q.query(`
      INSERT INTO membership_suspensions (membership_id, source, reason, starts_on, ends_on)
      SELECT m.id, CASE WHEN m.status_reason LIKE '%ethics case%' THEN 'sanction' ELSE 'staff' END,
             coalesce(nullif(btrim(m.status_reason), ''), 'Suspended'), m.status_changed_on,
             greatest(m.suspended_until, m.status_changed_on)
        FROM memberships m WHERE m.status = 'suspended'`);
    await q.query(`
      INSERT INTO credential_suspensions (credential_id, source, reason, starts_on, ends_on)
      SELECT c.id,
             CASE WHEN t.membership_card THEN 'membership'
                  WHEN c.status_reason LIKE '%ethics case%' THEN 'sanction' ELSE 'staff' END,
             coalesce(nullif(btrim(c.status_reason), ''), 'Suspended'),
             (c.status_changed_at AT TIME ZONE 'UTC')::date,
             greatest(c.suspended_until, (c.status_changed_at AT TIME ZONE 'UTC')::date)
        FROM credentials c JOIN credential_types t ON t.id = c.credential_type_id
       WHERE c.status = 'suspended'`);
    await q.query(`
      UPDATE credential_events e SET suspension_id = s.id
        FROM credential_suspensions s
       WHERE e.credential_id = s.credential_id AND e.event = 'suspended'
         AND e.occurred_at = (SELECT max(last.occurred_at) FROM credential_events last
                               WHERE last.credential_id = s.credential_id AND last.event = 'suspended')`);
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_credentials`);
    await q.query(publicCredentials(false));
    await q.query(`ALTER TABLE credential_events DROP COLUMN suspension_id`);
    await q.query(`DROP TABLE credential_suspensions`);
    await q.query(`DROP TABLE membership_suspensions`);
  }
}

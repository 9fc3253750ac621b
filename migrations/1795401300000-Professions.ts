import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The public view of credentials (1795401200000), its profession now read from professions. */
const publicCredentials = (professionsTable: boolean) => `
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
         ${professionsTable ? 'pr.name AS profession, pr.code AS profession_code' : 't.profession'},
         p.full_name,
         p.chapter_id,
         (SELECT coalesce(json_agg(json_build_object('event', e.event, 'at', e.occurred_at, 'until', e.suspended_until) ORDER BY e.occurred_at), '[]')
            FROM credential_events e
           WHERE e.credential_id = c.id AND e.event IN ('suspended', 'reinstated', 'revoked')) AS sanction_events,
         p.folded_name
    FROM credentials c
    JOIN credential_types t ON t.id = c.credential_type_id
    JOIN persons p ON p.id = c.person_id
    ${professionsTable ? 'LEFT JOIN professions pr ON pr.id = t.profession_id' : ''}
   WHERE c.verification_status = 'verified' AND t.publicly_verifiable`;

/**
 * Professions become data that credential types and membership categories point to, instead of
 * free text ("advokat " beside "Advokat"). Each profession named by a credential type so far
 * becomes one, its code made from its name; where only one exists, the categories belong to it.
 */
export class Professions1795401300000 implements MigrationInterface {
  name = 'Professions1795401300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE professions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL,
        name varchar(200) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_professions PRIMARY KEY (id),
        CONSTRAINT uq_professions_code UNIQUE (code),
        CONSTRAINT ck_professions_code CHECK (code ~ '^[A-Z][A-Z0-9_-]{0,39}$'),
        CONSTRAINT ck_professions_name CHECK (btrim(name) <> '')
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_professions_name ON professions (lower(btrim(name)))`);
    await q.query(`
      CREATE TABLE specialities (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        profession_id uuid NOT NULL,
        code varchar(40) NOT NULL,
        name varchar(200) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_specialities PRIMARY KEY (id),
        CONSTRAINT fk_specialities_profession_id FOREIGN KEY (profession_id) REFERENCES professions (id),
        CONSTRAINT uq_specialities_profession_code UNIQUE (profession_id, code),
        CONSTRAINT ck_specialities_code CHECK (code ~ '^[A-Z][A-Z0-9_-]{0,39}$'),
        CONSTRAINT ck_specialities_name CHECK (btrim(name) <> '')
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_specialities_profession_name ON specialities (profession_id, lower(btrim(name)))`,
    );

    await q.query(`
      INSERT INTO professions (code, name)
      SELECT DISTINCT ON (lower(btrim(profession)))
             left(CASE WHEN folded ~ '^[A-Z]' THEN folded ELSE 'P_' || folded END, 40),
             btrim(profession)
        FROM credential_types,
             LATERAL (SELECT trim(BOTH '_' FROM upper(regexp_replace(btrim(profession), '[^A-Za-z0-9]+', '_', 'g'))) AS folded) f
       WHERE btrim(coalesce(profession, '')) <> ''
       ORDER BY lower(btrim(profession)), created_at`);

    await q.query(`ALTER TABLE credential_types ADD COLUMN profession_id uuid NULL`);
    await q.query(`
      ALTER TABLE credential_types ADD CONSTRAINT fk_credential_types_profession_id
        FOREIGN KEY (profession_id) REFERENCES professions (id)`);
    await q.query(
      `CREATE INDEX ix_credential_types_profession_id ON credential_types (profession_id)`,
    );
    await q.query(`
      UPDATE credential_types t SET profession_id = p.id
        FROM professions p WHERE lower(btrim(t.profession)) = lower(p.name)`);

    await q.query(`ALTER TABLE membership_categories ADD COLUMN profession_id uuid NULL`);
    await q.query(`
      ALTER TABLE membership_categories ADD CONSTRAINT fk_membership_categories_profession_id
        FOREIGN KEY (profession_id) REFERENCES professions (id)`);
    await q.query(
      `CREATE INDEX ix_membership_categories_profession_id ON membership_categories (profession_id)`,
    );
    await q.query(`
      UPDATE membership_categories SET profession_id = (SELECT id FROM professions)
       WHERE (SELECT count(*) FROM professions) = 1`);

    await q.query(`DROP VIEW public_credentials`);
    await q.query(`ALTER TABLE credential_types DROP COLUMN profession`);
    await q.query(publicCredentials(true));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW public_credentials`);
    await q.query(`ALTER TABLE credential_types ADD COLUMN profession varchar(120) NULL`);
    await q.query(`
      UPDATE credential_types t SET profession = p.name
        FROM professions p WHERE p.id = t.profession_id`);
    await q.query(publicCredentials(false));
    await q.query(`ALTER TABLE membership_categories DROP COLUMN profession_id`);
    await q.query(`ALTER TABLE credential_types DROP COLUMN profession_id`);
    await q.query(`DROP TABLE specialities`);
    await q.query(`DROP TABLE professions`);
  }
}

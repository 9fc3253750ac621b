import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The backbone: chapters, people, accounts and their tokens, organisation API keys, and the
 * append-only audit trail. Names follow the house convention: uq_ unique, ix_ index,
 * ck_ check, fk_ foreign key.
 */
export class Foundation1795345683707 implements MigrationInterface {
  name = 'Foundation1795345683707';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Names are searched case- and accent-insensitively; an IMMUTABLE wrapper makes that indexable.
    await q.query(`
      CREATE FUNCTION fold_text(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$`);

    await q.query(`
      CREATE TABLE chapters (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(20) NOT NULL,
        name varchar(200) NOT NULL,
        parent_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_chapters PRIMARY KEY (id),
        CONSTRAINT uq_chapters_code UNIQUE (code),
        CONSTRAINT fk_chapters_parent_id FOREIGN KEY (parent_id) REFERENCES chapters (id),
        CONSTRAINT ck_chapters_code CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,19}$'),
        CONSTRAINT ck_chapters_name CHECK (btrim(name) <> ''),
        CONSTRAINT ck_chapters_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE INDEX ix_chapters_parent_id ON chapters (parent_id)`);

    await q.query(`
      CREATE TABLE persons (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        full_name varchar(300) NOT NULL,
        email varchar(254) NULL,
        phone varchar(32) NULL,
        birth_date date NULL,
        national_id varchar(32) NULL,
        chapter_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_persons PRIMARY KEY (id),
        CONSTRAINT uq_persons_national_id UNIQUE (national_id),
        CONSTRAINT fk_persons_chapter_id FOREIGN KEY (chapter_id) REFERENCES chapters (id),
        CONSTRAINT ck_persons_full_name CHECK (btrim(full_name) <> '')
      )`);
    await q.query(`CREATE INDEX ix_persons_chapter_id ON persons (chapter_id)`);
    await q.query(
      `CREATE INDEX ix_persons_full_name_folded ON persons USING gin (fold_text(full_name) gin_trgm_ops)`,
    );
    await q.query(`CREATE INDEX ix_persons_email ON persons (lower(email))`);

    await q.query(`
      CREATE TABLE accounts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        password_hash text NOT NULL,
        display_name varchar(200) NOT NULL,
        roles text[] NOT NULL,
        person_id uuid NULL,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz NULL,
        last_login_at timestamptz NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_accounts PRIMARY KEY (id),
        CONSTRAINT uq_accounts_person_id UNIQUE (person_id),
        CONSTRAINT fk_accounts_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT ck_accounts_roles CHECK (
          cardinality(roles) > 0
          AND roles <@ ARRAY['admin', 'registrar', 'cpd_officer', 'ethics_officer', 'finance', 'member']::text[]
        ),
        CONSTRAINT ck_accounts_member_has_person CHECK (NOT ('member' = ANY (roles)) OR person_id IS NOT NULL),
        CONSTRAINT ck_accounts_failed_login_count CHECK (failed_login_count >= 0)
      )`);
    // Case-insensitive uniqueness: Ana@x.org and ana@x.org are one account.
    await q.query(`CREATE UNIQUE INDEX uq_accounts_email ON accounts (lower(email))`);
    await q.query(`CREATE INDEX ix_accounts_roles ON accounts USING gin (roles)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        revoked_reason varchar(40) NULL,
        created_ip inet NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_refresh_tokens PRIMARY KEY (id),
        CONSTRAINT uq_refresh_tokens_token_hash UNIQUE (token_hash),
        CONSTRAINT fk_refresh_tokens_account_id FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_refresh_tokens_account_id ON refresh_tokens (account_id)`);
    await q.query(`CREATE INDEX ix_refresh_tokens_family_id ON refresh_tokens (family_id)`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(120) NOT NULL,
        organisation varchar(200) NOT NULL,
        prefix varchar(16) NOT NULL,
        key_hash char(64) NOT NULL,
        created_by_account_id uuid NULL,
        last_used_at timestamptz NULL,
        revoked_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_api_keys PRIMARY KEY (id),
        CONSTRAINT uq_api_keys_prefix UNIQUE (prefix),
        CONSTRAINT fk_api_keys_created_by_account_id FOREIGN KEY (created_by_account_id) REFERENCES accounts (id) ON DELETE SET NULL
      )`);
    await q.query(
      `CREATE INDEX ix_api_keys_created_by_account_id ON api_keys (created_by_account_id)`,
    );

    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_kind varchar(10) NOT NULL,
        actor_id uuid NULL,
        actor_roles text[] NOT NULL DEFAULT '{}',
        action varchar(80) NOT NULL,
        entity_type varchar(60) NOT NULL,
        entity_id varchar(64) NOT NULL,
        before jsonb NULL,
        after jsonb NULL,
        request_id varchar(128) NULL,
        ip inet NULL,
        CONSTRAINT pk_audit_events PRIMARY KEY (id),
        CONSTRAINT ck_audit_events_actor_kind CHECK (actor_kind IN ('account', 'api_key', 'system'))
      )`);
    await q.query(
      `CREATE INDEX ix_audit_events_entity ON audit_events (entity_type, entity_id, id)`,
    );
    await q.query(`CREATE INDEX ix_audit_events_actor_id ON audit_events (actor_id, id)`);
    await q.query(`CREATE INDEX ix_audit_events_occurred_at ON audit_events (occurred_at)`);
    // The trail is append-only for everyone, the application's own role included.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER trg_audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await q.query(`
      CREATE TRIGGER trg_audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE accounts`);
    await q.query(`DROP TABLE persons`);
    await q.query(`DROP TABLE chapters`);
    await q.query(`DROP FUNCTION fold_text(text)`);
    await q.query(`DROP EXTENSION IF EXISTS pg_trgm`);
    await q.query(`DROP EXTENSION IF EXISTS unaccent`);
  }
}

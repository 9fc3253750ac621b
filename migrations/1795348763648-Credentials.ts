import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step 2 of the pipeline: credential types (configuration in data), credentials issued here or
 * recorded from outside, their validity periods and every event in their life. Seeds the
 * Indonesian doctors' set: certificate of competence (issued here), STR and SIP (recorded).
 */
export class Credentials1795348763648 implements MigrationInterface {
  name = 'Credentials1795348763648';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE credential_types (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL,
        name varchar(200) NOT NULL,
        profession varchar(120) NULL,
        issuer_kind varchar(12) NOT NULL,
        issuing_authority varchar(200) NOT NULL,
        validity_months integer NULL,
        grace_days integer NOT NULL DEFAULT 0,
        number_format varchar(100) NULL,
        max_active_per_person integer NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_credential_types PRIMARY KEY (id),
        CONSTRAINT uq_credential_types_code UNIQUE (code),
        CONSTRAINT ck_credential_types_code CHECK (code ~ '^[A-Z][A-Z0-9_-]{0,39}$'),
        CONSTRAINT ck_credential_types_issuer_kind CHECK (issuer_kind IN ('association', 'external')),
        CONSTRAINT ck_credential_types_validity_months CHECK (validity_months IS NULL OR validity_months > 0),
        CONSTRAINT ck_credential_types_grace_days CHECK (grace_days >= 0),
        CONSTRAINT ck_credential_types_max_active CHECK (max_active_per_person IS NULL OR max_active_per_person > 0),
        CONSTRAINT ck_credential_types_number_format
          CHECK (issuer_kind = 'external' OR number_format IS NOT NULL)
      )`);

    // One counter per type (and year, when numbers show it); the row lock orders concurrent issues.
    await q.query(`
      CREATE TABLE credential_number_sequences (
        credential_type_id uuid NOT NULL,
        scope varchar(10) NOT NULL,
        last_value bigint NOT NULL,
        CONSTRAINT pk_credential_number_sequences PRIMARY KEY (credential_type_id, scope),
        CONSTRAINT fk_credential_number_sequences_credential_type_id
          FOREIGN KEY (credential_type_id) REFERENCES credential_types (id),
        CONSTRAINT ck_credential_number_sequences_last_value CHECK (last_value > 0)
      )`);

    await q.query(`
      CREATE TABLE credentials (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        credential_type_id uuid NOT NULL,
        number varchar(100) NOT NULL,
        issuing_authority varchar(200) NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'active',
        status_reason text NULL,
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        suspended_until date NULL,
        verification_status varchar(12) NOT NULL,
        valid_from date NOT NULL,
        valid_until date NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_credentials PRIMARY KEY (id),
        CONSTRAINT uq_credentials_number UNIQUE (number),
        CONSTRAINT fk_credentials_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_credentials_credential_type_id FOREIGN KEY (credential_type_id) REFERENCES credential_types (id),
        CONSTRAINT ck_credentials_status CHECK (status IN ('active', 'suspended', 'revoked')),
        CONSTRAINT ck_credentials_verification_status
          CHECK (verification_status IN ('submitted', 'verified', 'rejected')),
        CONSTRAINT ck_credentials_validity CHECK (valid_until IS NULL OR valid_until >= valid_from),
        CONSTRAINT ck_credentials_number CHECK (btrim(number) <> ''),
        CONSTRAINT ck_credentials_suspended_until CHECK (suspended_until IS NULL OR status = 'suspended')
      )`);
    await q.query(`CREATE INDEX ix_credentials_person_id ON credentials (person_id)`);
    await q.query(
      `CREATE INDEX ix_credentials_credential_type_id ON credentials (credential_type_id)`,
    );

    await q.query(`
      CREATE TABLE credential_periods (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        credential_id uuid NOT NULL,
        valid_from date NOT NULL,
        valid_until date NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_credential_periods PRIMARY KEY (id),
        CONSTRAINT uq_credential_periods_credential_valid_from UNIQUE (credential_id, valid_from),
        CONSTRAINT fk_credential_periods_credential_id FOREIGN KEY (credential_id) REFERENCES credentials (id),
        CONSTRAINT ck_credential_periods_validity CHECK (valid_until IS NULL OR valid_until >= valid_from)
      )`);

    await q.query(`
      CREATE TABLE credential_events (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        credential_id uuid NOT NULL,
        event varchar(20) NOT NULL,
        reason text NULL,
        method varchar(30) NULL,
        source_reference varchar(300) NULL,
        actor_account_id uuid NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_credential_events PRIMARY KEY (id),
        CONSTRAINT fk_credential_events_credential_id FOREIGN KEY (credential_id) REFERENCES credentials (id),
        CONSTRAINT fk_credential_events_actor_account_id FOREIGN KEY (actor_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_credential_events_event CHECK (
          event IN ('issued', 'recorded', 'verified', 'rejected', 'suspended', 'reinstated', 'revoked')
        ),
        CONSTRAINT ck_credential_events_reason CHECK (
          event NOT IN ('rejected', 'suspended', 'reinstated', 'revoked') OR btrim(coalesce(reason, '')) <> ''
        )
      )`);
    await q.query(
      `CREATE INDEX ix_credential_events_credential_id ON credential_events (credential_id, occurred_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE credential_events`);
    await q.query(`DROP TABLE credential_periods`);
    await q.query(`DROP TABLE credentials`);
    await q.query(`DROP TABLE credential_number_sequences`);
    await q.query(`DROP TABLE credential_types`);
  }
}

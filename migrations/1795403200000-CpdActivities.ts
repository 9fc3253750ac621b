import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accredited CPD: providers (with an accreditation period and an API key of their own) and the
 * activities CPD officers accredit; a provider's attendance roster awards the credits without a
 * claim, once per person and activity whatever is sent again.
 */
export class CpdActivities1795403200000 implements MigrationInterface {
  name = 'CpdActivities1795403200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cpd_providers (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        api_key_id uuid NOT NULL,
        accredited_from date NOT NULL,
        accredited_until date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_cpd_providers PRIMARY KEY (id),
        CONSTRAINT uq_cpd_providers_api_key_id UNIQUE (api_key_id),
        CONSTRAINT fk_cpd_providers_api_key_id FOREIGN KEY (api_key_id) REFERENCES api_keys (id),
        CONSTRAINT ck_cpd_providers_accreditation CHECK (accredited_until >= accredited_from)
      )`);
    await q.query(`
      CREATE TABLE cpd_activities (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL,
        title varchar(300) NOT NULL,
        domain varchar(40) NOT NULL,
        category varchar(40) NOT NULL,
        credits numeric(7,2) NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        place varchar(200) NULL,
        online boolean NOT NULL DEFAULT false,
        capacity integer NULL,
        partial_credit boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_cpd_activities PRIMARY KEY (id),
        CONSTRAINT fk_cpd_activities_provider_id FOREIGN KEY (provider_id) REFERENCES cpd_providers (id),
        CONSTRAINT ck_cpd_activities_credits CHECK (credits > 0),
        CONSTRAINT ck_cpd_activities_dates CHECK (ends_on >= starts_on),
        CONSTRAINT ck_cpd_activities_capacity CHECK (capacity IS NULL OR capacity > 0),
        CONSTRAINT ck_cpd_activities_place CHECK (online OR place IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_cpd_activities_provider_id ON cpd_activities (provider_id)`);
    await q.query(`ALTER TABLE cpd_credits ADD COLUMN activity_id uuid NULL`);
    await q.query(`ALTER TABLE cpd_credits DROP CONSTRAINT ck_cpd_credits_source`);
    await q.query(`
      ALTER TABLE cpd_credits
        ADD CONSTRAINT ck_cpd_credits_source CHECK (source IN ('claim', 'attendance')),
        ADD CONSTRAINT ck_cpd_credits_activity CHECK ((source = 'attendance') = (activity_id IS NOT NULL)),
        ADD CONSTRAINT fk_cpd_credits_activity_id FOREIGN KEY (activity_id) REFERENCES cpd_activities (id),
        ADD CONSTRAINT uq_cpd_credits_activity_id_person_id UNIQUE (activity_id, person_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM cpd_credits WHERE source = 'attendance'`);
    await q.query(`
      ALTER TABLE cpd_credits
        DROP CONSTRAINT uq_cpd_credits_activity_id_person_id,
        DROP CONSTRAINT fk_cpd_credits_activity_id,
        DROP CONSTRAINT ck_cpd_credits_activity,
        DROP CONSTRAINT ck_cpd_credits_source,
        DROP COLUMN activity_id`);
    await q.query(
      `ALTER TABLE cpd_credits ADD CONSTRAINT ck_cpd_credits_source CHECK (source IN ('claim'))`,
    );
    await q.query(`DROP TABLE cpd_activities`);
    await q.query(`DROP TABLE cpd_providers`);
  }
}

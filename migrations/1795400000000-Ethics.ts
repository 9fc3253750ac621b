import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Step 4 of the pipeline begins: the code of ethics as dated versions of numbered articles, and
 * each person's pledge to a version. Seeds the Indonesian doctors' code (KODEKI) in force.
 */
export class Ethics1795400000000 implements MigrationInterface {
  name = 'Ethics1795400000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ethics_code_versions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        version varchar(40) NOT NULL,
        title varchar(300) NOT NULL,
        effective_from date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_ethics_code_versions PRIMARY KEY (id),
        CONSTRAINT uq_ethics_code_versions_version UNIQUE (version),
        CONSTRAINT uq_ethics_code_versions_effective_from UNIQUE (effective_from),
        CONSTRAINT ck_ethics_code_versions_version CHECK (btrim(version) <> ''),
        CONSTRAINT ck_ethics_code_versions_title CHECK (btrim(title) <> '')
      )`);

    await q.query(`
      CREATE TABLE ethics_code_articles (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code_version_id uuid NOT NULL,
        position integer NOT NULL,
        number varchar(20) NOT NULL,
        title varchar(300) NULL,
        text text NOT NULL,
        CONSTRAINT pk_ethics_code_articles PRIMARY KEY (id),
        CONSTRAINT uq_ethics_code_articles_number UNIQUE (code_version_id, number),
        CONSTRAINT uq_ethics_code_articles_position UNIQUE (code_version_id, position),
        CONSTRAINT fk_ethics_code_articles_code_version_id
          FOREIGN KEY (code_version_id) REFERENCES ethics_code_versions (id),
        CONSTRAINT ck_ethics_code_articles_position CHECK (position > 0),
        CONSTRAINT ck_ethics_code_articles_number CHECK (btrim(number) <> ''),
        CONSTRAINT ck_ethics_code_articles_text CHECK (btrim(text) <> '')
      )`);

    await q.query(`
      CREATE TABLE ethics_pledges (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        code_version_id uuid NOT NULL,
        pledged_at timestamptz NOT NULL DEFAULT now(),
        ip varchar(64) NULL,
        user_agent varchar(400) NULL,
        recorded_by_account_id uuid NULL,
        CONSTRAINT pk_ethics_pledges PRIMARY KEY (id),
        CONSTRAINT uq_ethics_pledges_person_version UNIQUE (person_id, code_version_id),
        CONSTRAINT fk_ethics_pledges_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_ethics_pledges_code_version_id
          FOREIGN KEY (code_version_id) REFERENCES ethics_code_versions (id),
        CONSTRAINT fk_ethics_pledges_recorded_by_account_id
          FOREIGN KEY (recorded_by_account_id) REFERENCES accounts (id)
      )`);
    await q.query(
      `CREATE INDEX ix_ethics_pledges_code_version_id ON ethics_pledges (code_version_id, person_id)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ethics_pledges`);
    await q.query(`DROP TABLE ethics_code_articles`);
    await q.query(`DROP TABLE ethics_code_versions`);
  }
}

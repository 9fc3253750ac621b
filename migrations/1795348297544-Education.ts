import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Step 1 of the pipeline: institutions, a person's qualifications, and each verification decision. */
export class Education1795348297544 implements MigrationInterface {
  name = 'Education1795348297544';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE institutions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name varchar(300) NOT NULL,
        country char(2) NOT NULL,
        accreditation_status varchar(20) NOT NULL DEFAULT 'unknown',
        accreditation_reference varchar(200) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_institutions PRIMARY KEY (id),
        CONSTRAINT ck_institutions_name CHECK (btrim(name) <> ''),
        CONSTRAINT ck_institutions_country CHECK (country ~ '^[A-Z]{2}$'),
        CONSTRAINT ck_institutions_accreditation_status
          CHECK (accreditation_status IN ('accredited', 'provisional', 'not_accredited', 'unknown'))
      )`);
    // One institution per name and country, whatever the case or accents.
    await q.query(
      `CREATE UNIQUE INDEX uq_institutions_name_country ON institutions (fold_text(name), country)`,
    );

    await q.query(`
      CREATE TABLE qualifications (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        institution_id uuid NOT NULL,
        degree varchar(120) NOT NULL,
        field varchar(200) NOT NULL,
        graduation_date date NOT NULL,
        diploma_number varchar(100) NOT NULL,
        status varchar(12) NOT NULL DEFAULT 'submitted',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_qualifications PRIMARY KEY (id),
        CONSTRAINT uq_qualifications_institution_diploma UNIQUE (institution_id, diploma_number),
        CONSTRAINT fk_qualifications_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_qualifications_institution_id FOREIGN KEY (institution_id) REFERENCES institutions (id),
        CONSTRAINT ck_qualifications_status CHECK (status IN ('submitted', 'verified', 'rejected')),
        CONSTRAINT ck_qualifications_degree CHECK (btrim(degree) <> ''),
        CONSTRAINT ck_qualifications_field CHECK (btrim(field) <> ''),
        CONSTRAINT ck_qualifications_diploma_number CHECK (btrim(diploma_number) <> '')
      )`);
    await q.query(`CREATE INDEX ix_qualifications_person_id ON qualifications (person_id)`);
    // The registrar's queue: what waits for a decision, oldest first.
    await q.query(
      `CREATE INDEX ix_qualifications_awaiting_review ON qualifications (created_at) WHERE status = 'submitted'`,
    );

    await q.query(`
      CREATE TABLE qualification_reviews (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        qualification_id uuid NOT NULL,
        decision varchar(10) NOT NULL,
        method varchar(30) NOT NULL,
        source_reference varchar(300) NULL,
        reason text NULL,
        reviewed_by_account_id uuid NOT NULL,
        reviewed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_qualification_reviews PRIMARY KEY (id),
        CONSTRAINT fk_qualification_reviews_qualification_id
          FOREIGN KEY (qualification_id) REFERENCES qualifications (id),
        CONSTRAINT fk_qualification_reviews_reviewed_by_account_id
          FOREIGN KEY (reviewed_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_qualification_reviews_decision CHECK (decision IN ('verified', 'rejected')),
        CONSTRAINT ck_qualification_reviews_method
          CHECK (method IN ('issuer_confirmation', 'registry_lookup', 'document_inspection', 'other')),
        CONSTRAINT ck_qualification_reviews_reason_when_rejected
          CHECK (decision <> 'rejected' OR btrim(coalesce(reason, '')) <> ''),
        CONSTRAINT ck_qualification_reviews_source_when_verified
          CHECK (decision <> 'verified' OR btrim(coalesce(source_reference, '')) <> '')
      )`);
    await q.query(
      `CREATE INDEX ix_qualification_reviews_qualification_id ON qualification_reviews (qualification_id, reviewed_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE qualification_reviews`);
    await q.query(`DROP TABLE qualifications`);
    await q.query(`DROP TABLE institutions`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What admissions ask beyond credentials and degrees: a fact a person declares (not a civil
 * servant, no conviction), kept with its evidence and checked by staff, who and how on the record;
 * and an act of the association about a person (an advocate's appointment before the oath), kept
 * with its decree. Both are of the person's record, owned by the people module.
 */
export class DeclarationsAndAssociationActs1795405200000 implements MigrationInterface {
  name = 'DeclarationsAndAssociationActs1795405200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_declarations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        code varchar(40) NOT NULL,
        statement text NOT NULL,
        evidence text NOT NULL,
        declared_on date NOT NULL,
        recorded_by_account_id uuid NOT NULL,
        outcome varchar(16) NULL,
        checked_on date NULL,
        checked_by_account_id uuid NULL,
        check_method text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_person_declarations PRIMARY KEY (id),
        CONSTRAINT fk_person_declarations_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_person_declarations_recorded_by_account_id
          FOREIGN KEY (recorded_by_account_id) REFERENCES accounts (id),
        CONSTRAINT fk_person_declarations_checked_by_account_id
          FOREIGN KEY (checked_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_person_declarations_code CHECK (code ~ '^[A-Z][A-Z0-9_-]{0,39}$'),
        CONSTRAINT ck_person_declarations_text
          CHECK (btrim(statement) <> '' AND btrim(evidence) <> ''),
        CONSTRAINT ck_person_declarations_outcome
          CHECK (outcome IS NULL OR outcome IN ('confirmed', 'refuted')),
        CONSTRAINT ck_person_declarations_checked
          CHECK ((outcome IS NULL) = (checked_on IS NULL)
                 AND (outcome IS NULL) = (checked_by_account_id IS NULL)
                 AND (outcome IS NULL OR btrim(coalesce(check_method, '')) <> ''))
      )`);
    await q.query(
      `CREATE INDEX ix_person_declarations_person_id ON person_declarations (person_id, code)`,
    );
    await q.query(`
      CREATE TABLE association_acts (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL,
        code varchar(40) NOT NULL,
        decided_on date NOT NULL,
        reference varchar(200) NOT NULL,
        text text NOT NULL,
        recorded_by_account_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_association_acts PRIMARY KEY (id),
        CONSTRAINT fk_association_acts_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_association_acts_recorded_by_account_id
          FOREIGN KEY (recorded_by_account_id) REFERENCES accounts (id),
        CONSTRAINT uq_association_acts_person_code_reference UNIQUE (person_id, code, reference),
        CONSTRAINT ck_association_acts_code CHECK (code ~ '^[A-Z][A-Z0-9_-]{0,39}$'),
        CONSTRAINT ck_association_acts_text CHECK (btrim(reference) <> '' AND btrim(text) <> '')
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE association_acts`);
    await q.query(`DROP TABLE person_declarations`);
  }
}

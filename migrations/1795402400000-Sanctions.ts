import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sanctions as data: the types an association's procedure knows (reprimands, remedial training,
 * suspension for a number of months, revocation), and the sanctions a decision imposes, which
 * take effect when the case becomes final.
 */
export class Sanctions1795402400000 implements MigrationInterface {
  name = 'Sanctions1795402400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sanction_types (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        code varchar(40) NOT NULL,
        name varchar(200) NOT NULL,
        effect varchar(12) NOT NULL,
        min_months integer NULL,
        max_months integer NULL,
        public boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_sanction_types PRIMARY KEY (id),
        CONSTRAINT uq_sanction_types_code UNIQUE (code),
        CONSTRAINT ck_sanction_types_code CHECK (code ~ '^[A-Z][A-Z0-9_-]{0,39}$'),
        CONSTRAINT ck_sanction_types_effect
          CHECK (effect IN ('reprimand', 'remedial', 'suspension', 'revocation')),
        CONSTRAINT ck_sanction_types_months CHECK (
          (effect = 'suspension') = (min_months IS NOT NULL AND max_months IS NOT NULL)
          AND (min_months IS NULL OR (min_months >= 1 AND max_months >= min_months AND max_months <= 120)))
      )`);
    await q.query(`
      CREATE TABLE case_sanctions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL,
        sanction_type_id uuid NOT NULL,
        months integer NULL,
        credits integer NULL,
        due_on date NULL,
        decided_on date NOT NULL,
        starts_on date NULL,
        ends_on date NULL,
        took_effect_on date NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_case_sanctions PRIMARY KEY (id),
        CONSTRAINT fk_case_sanctions_case_id FOREIGN KEY (case_id) REFERENCES ethics_cases (id),
        CONSTRAINT fk_case_sanctions_sanction_type_id
          FOREIGN KEY (sanction_type_id) REFERENCES sanction_types (id),
        CONSTRAINT ck_case_sanctions_months CHECK (months IS NULL OR months >= 1),
        CONSTRAINT ck_case_sanctions_credits CHECK (credits IS NULL OR credits >= 1),
        CONSTRAINT ck_case_sanctions_period CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX ix_case_sanctions_case_id ON case_sanctions (case_id)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_sanctions`);
    await q.query(`DROP TABLE sanction_types`);
  }
}

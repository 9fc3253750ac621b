import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recommendation letters (the rekomendasi a doctor needs for a practice permit): numbered per
 * year, issued only to a member in good standing with every requirement met, with the standing
 * they were issued on.
 */
export class RecommendationLetters1795404100000 implements MigrationInterface {
  name = 'RecommendationLetters1795404100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE recommendation_letters (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        number varchar(40) NOT NULL,
        person_id uuid NOT NULL,
        purpose text NOT NULL,
        issued_on date NOT NULL,
        valid_until date NOT NULL,
        eligibility jsonb NOT NULL,
        issued_by_account_id uuid NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_recommendation_letters PRIMARY KEY (id),
        CONSTRAINT uq_recommendation_letters_number UNIQUE (number),
        CONSTRAINT fk_recommendation_letters_person_id FOREIGN KEY (person_id) REFERENCES persons (id),
        CONSTRAINT fk_recommendation_letters_issued_by_account_id FOREIGN KEY (issued_by_account_id) REFERENCES accounts (id),
        CONSTRAINT ck_recommendation_letters_purpose CHECK (btrim(purpose) <> ''),
        CONSTRAINT ck_recommendation_letters_validity CHECK (valid_until >= issued_on)
      )`);
    await q.query(
      `CREATE INDEX ix_recommendation_letters_person_id ON recommendation_letters (person_id, issued_at)`,
    );
    await q.query(`
      CREATE TABLE letter_sequences (
        year varchar(4) NOT NULL,
        last_value integer NOT NULL,
        CONSTRAINT pk_letter_sequences PRIMARY KEY (year),
        CONSTRAINT ck_letter_sequences_last_value CHECK (last_value > 0)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE letter_sequences`);
    await q.query(`DROP TABLE recommendation_letters`);
  }
}

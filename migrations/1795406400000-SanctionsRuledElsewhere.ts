import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sanction type may be one the panel only proposes: another body of the association decides it
 * (the doctors' permanent removal, by the Muktamar). A decision imposing one takes no effect until
 * that body's ruling is recorded, upheld or rejected, with its day and reference.
 */
export class SanctionsRuledElsewhere1795406400000 implements MigrationInterface {
  name = 'SanctionsRuledElsewhere1795406400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE sanction_types
        ADD COLUMN decided_by varchar(200) NULL,
        ADD CONSTRAINT ck_sanction_types_decided_by
            CHECK (decided_by IS NULL OR btrim(decided_by) <> '')`);
    await q.query(`
      ALTER TABLE case_sanctions
        ADD COLUMN ruling varchar(10) NULL,
        ADD COLUMN ruled_on date NULL,
        ADD COLUMN ruling_reference varchar(300) NULL,
        ADD CONSTRAINT ck_case_sanctions_ruling CHECK (
          (ruling IS NULL OR ruling IN ('upheld', 'rejected'))
          AND (ruling IS NULL) = (ruled_on IS NULL)
          AND (ruling IS NULL) = (ruling_reference IS NULL))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE case_sanctions
        DROP CONSTRAINT ck_case_sanctions_ruling,
        DROP COLUMN ruling_reference,
        DROP COLUMN ruled_on,
        DROP COLUMN ruling`);
    await q.query(`
      ALTER TABLE sanction_types
        DROP CONSTRAINT ck_sanction_types_decided_by,
        DROP COLUMN decided_by`);
  }
}

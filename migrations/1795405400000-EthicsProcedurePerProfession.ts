import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each profession has its own sanctions and its own procedure's deadlines, and a case follows its
 * respondent's profession. A sanction type or procedure with no profession holds for every
 * profession that has none of its own. Where one profession is configured, what is here is its
 * own, and so are the cases.
 */
export class EthicsProcedurePerProfession1795405400000 implements MigrationInterface {
  name = 'EthicsProcedurePerProfession1795405400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE sanction_types
        ADD COLUMN profession_id uuid NULL,
        ADD CONSTRAINT fk_sanction_types_profession_id FOREIGN KEY (profession_id)
          REFERENCES professions (id),
        DROP CONSTRAINT uq_sanction_types_code,
        ADD CONSTRAINT uq_sanction_types_profession_code UNIQUE NULLS NOT DISTINCT (profession_id, code)
    `);
    await queryRunner.query(`
      ALTER TABLE case_procedures
        ADD COLUMN profession_id uuid NULL,
        ADD CONSTRAINT fk_case_procedures_profession_id FOREIGN KEY (profession_id)
          REFERENCES professions (id),
        DROP CONSTRAINT uq_case_procedures_version,
        DROP CONSTRAINT uq_case_procedures_effective_from,
        ADD CONSTRAINT uq_case_procedures_profession_version
          UNIQUE NULLS NOT DISTINCT (profession_id, version),
        ADD CONSTRAINT uq_case_procedures_profession_effective_from
          UNIQUE NULLS NOT DISTINCT (profession_id, effective_from)
    `);
    await queryRunner.query(`
      ALTER TABLE ethics_cases
        ADD COLUMN profession_id uuid NULL,
        ADD CONSTRAINT fk_ethics_cases_profession_id FOREIGN KEY (profession_id)
          REFERENCES professions (id)
    `);
    for (const table of ['sanction_types', 'case_procedures', 'ethics_cases']) {
      await queryRunner.query(`
        UPDATE ${table} SET profession_id = (SELECT id FROM professions)
         WHERE (SELECT count(*) FROM professions) = 1
      `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE ethics_cases DROP CONSTRAINT fk_ethics_cases_profession_id, DROP COLUMN profession_id
    `);
    await queryRunner.query(`
      ALTER TABLE case_procedures
        DROP CONSTRAINT uq_case_procedures_profession_version,
        DROP CONSTRAINT uq_case_procedures_profession_effective_from,
        DROP CONSTRAINT fk_case_procedures_profession_id,
        DROP COLUMN profession_id,
        ADD CONSTRAINT uq_case_procedures_version UNIQUE (version),
        ADD CONSTRAINT uq_case_procedures_effective_from UNIQUE (effective_from)
    `);
    await queryRunner.query(`
      ALTER TABLE sanction_types
        DROP CONSTRAINT uq_sanction_types_profession_code,
        DROP CONSTRAINT fk_sanction_types_profession_id,
        DROP COLUMN profession_id,
        ADD CONSTRAINT uq_sanction_types_code UNIQUE (code)
    `);
  }
}

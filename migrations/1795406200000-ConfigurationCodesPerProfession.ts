import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credential types, membership categories and CPD policies have codes of their own within their
 * profession (or among the items of none): the doctors' `STR` and the dentists' `STR` are two
 * types, each read by its own profession's categories and policies. A CPD policy takes the
 * profession of what it follows; one following nothing yet takes the only profession, if there is
 * one.
 */
export class ConfigurationCodesPerProfession1795406200000 implements MigrationInterface {
  name = 'ConfigurationCodesPerProfession1795406200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE credential_types
        DROP CONSTRAINT uq_credential_types_code,
        ADD CONSTRAINT uq_credential_types_profession_code
            UNIQUE NULLS NOT DISTINCT (profession_id, code)`);
    await q.query(`
      ALTER TABLE membership_categories
        DROP CONSTRAINT uq_membership_categories_code,
        ADD CONSTRAINT uq_membership_categories_profession_code
            UNIQUE NULLS NOT DISTINCT (profession_id, code)`);
    await q.query(`
      ALTER TABLE cpd_policies
        ADD COLUMN profession_id uuid NULL,
        ADD CONSTRAINT fk_cpd_policies_profession_id FOREIGN KEY (profession_id)
            REFERENCES professions (id)`);
    await q.query(`
      UPDATE cpd_policies p
         SET profession_id = coalesce(
               (SELECT t.profession_id FROM credential_types t WHERE t.code = p.credential_type_code),
               (SELECT c.profession_id FROM membership_categories c
                 WHERE c.code = p.membership_category_code),
               (SELECT sole.id FROM professions sole WHERE (SELECT count(*) FROM professions) = 1))`);
    await q.query(`
      ALTER TABLE cpd_policies
        DROP CONSTRAINT uq_cpd_policies_code_effective_from,
        ADD CONSTRAINT uq_cpd_policies_profession_code_effective_from
            UNIQUE NULLS NOT DISTINCT (profession_id, code, effective_from)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    // Going back to one list of codes fails where two professions hold the same one.
    await q.query(`
      ALTER TABLE cpd_policies
        DROP CONSTRAINT uq_cpd_policies_profession_code_effective_from,
        ADD CONSTRAINT uq_cpd_policies_code_effective_from UNIQUE (code, effective_from),
        DROP CONSTRAINT fk_cpd_policies_profession_id,
        DROP COLUMN profession_id`);
    await q.query(`
      ALTER TABLE membership_categories
        DROP CONSTRAINT uq_membership_categories_profession_code,
        ADD CONSTRAINT uq_membership_categories_code UNIQUE (code)`);
    await q.query(`
      ALTER TABLE credential_types
        DROP CONSTRAINT uq_credential_types_profession_code,
        ADD CONSTRAINT uq_credential_types_code UNIQUE (code)`);
  }
}

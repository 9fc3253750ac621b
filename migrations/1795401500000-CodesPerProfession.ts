import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each profession has its own code of ethics, versioned on its own dates: publishing the
 * advocates' code no longer takes the doctors' out of force. A version not yet in force may be
 * corrected, and any version withdrawn with a reason; a withdrawn version stays on record.
 * Versions published so far belong to the first profession (the seed's Dokter).
 */
export class CodesPerProfession1795401500000 implements MigrationInterface {
  name = 'CodesPerProfession1795401500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO professions (code, name)
      SELECT 'GENERAL', 'General'
       WHERE EXISTS (SELECT 1 FROM ethics_code_versions) AND NOT EXISTS (SELECT 1 FROM professions)`);
    await q.query(`ALTER TABLE ethics_code_versions ADD COLUMN profession_id uuid NULL`);
    await q.query(`
      UPDATE ethics_code_versions
         SET profession_id = (SELECT id FROM professions ORDER BY created_at, code LIMIT 1)`);
    await q.query(`ALTER TABLE ethics_code_versions ALTER COLUMN profession_id SET NOT NULL`);
    await q.query(`
      ALTER TABLE ethics_code_versions ADD CONSTRAINT fk_ethics_code_versions_profession_id
        FOREIGN KEY (profession_id) REFERENCES professions (id)`);
    await q.query(
      `ALTER TABLE ethics_code_versions DROP CONSTRAINT uq_ethics_code_versions_version`,
    );
    await q.query(
      `ALTER TABLE ethics_code_versions DROP CONSTRAINT uq_ethics_code_versions_effective_from`,
    );
    await q.query(`
      ALTER TABLE ethics_code_versions ADD CONSTRAINT uq_ethics_code_versions_profession_version
        UNIQUE (profession_id, version)`);
    await q.query(`
      ALTER TABLE ethics_code_versions ADD CONSTRAINT uq_ethics_code_versions_profession_effective_from
        UNIQUE (profession_id, effective_from)`);
    await q.query(`ALTER TABLE ethics_code_versions ADD COLUMN withdrawn_at timestamptz NULL`);
    await q.query(`ALTER TABLE ethics_code_versions ADD COLUMN withdrawn_reason text NULL`);
    await q.query(`
      ALTER TABLE ethics_code_versions ADD CONSTRAINT ck_ethics_code_versions_withdrawn
        CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL)
               AND (withdrawn_reason IS NULL OR btrim(withdrawn_reason) <> ''))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE ethics_code_versions DROP CONSTRAINT ck_ethics_code_versions_withdrawn`,
    );
    await q.query(`ALTER TABLE ethics_code_versions DROP COLUMN withdrawn_reason`);
    await q.query(`ALTER TABLE ethics_code_versions DROP COLUMN withdrawn_at`);
    await q.query(
      `ALTER TABLE ethics_code_versions DROP CONSTRAINT uq_ethics_code_versions_profession_effective_from`,
    );
    await q.query(
      `ALTER TABLE ethics_code_versions DROP CONSTRAINT uq_ethics_code_versions_profession_version`,
    );
    await q.query(`
      ALTER TABLE ethics_code_versions ADD CONSTRAINT uq_ethics_code_versions_version UNIQUE (version)`);
    await q.query(`
      ALTER TABLE ethics_code_versions ADD CONSTRAINT uq_ethics_code_versions_effective_from
        UNIQUE (effective_from)`);
    await q.query(`ALTER TABLE ethics_code_versions DROP COLUMN profession_id`);
  }
}

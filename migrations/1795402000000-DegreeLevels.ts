import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A degree has a level (bachelor, professional, master, specialist, doctorate, ...), so a
 * requirement can ask for a level where any degree of it will do. The seeded degrees get theirs.
 */
export class DegreeLevels1795402000000 implements MigrationInterface {
  name = 'DegreeLevels1795402000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE degrees ADD COLUMN level varchar(20) NULL`);
    await q.query(`
      ALTER TABLE degrees ADD CONSTRAINT ck_degrees_level CHECK (level IN
        ('diploma', 'bachelor', 'professional', 'master', 'specialist', 'doctorate'))`);
    await q.query(`
      UPDATE degrees SET level = CASE code
        WHEN 'SARJANA_KEDOKTERAN' THEN 'bachelor'
        WHEN 'DOKTER' THEN 'professional'
        WHEN 'DOKTER_GIGI' THEN 'professional'
        WHEN 'DOKTER_SPESIALIS' THEN 'specialist'
      END`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE degrees DROP COLUMN level`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The speciality or grade a credential is issued in (a speciality code of its type's
 * profession), which its number may carry as {SPECIALITY}: a registration per discipline.
 */
export class CredentialSpeciality1795405500000 implements MigrationInterface {
  name = 'CredentialSpeciality1795405500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE credentials ADD COLUMN speciality varchar(40) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE credentials DROP COLUMN speciality`);
  }
}

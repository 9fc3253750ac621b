import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A credential type may be issued per place of practice (a doctor's practice permit, SIP): each
 * credential of it names its place, and a person holds one in force per place.
 */
export class CredentialPlaceOfPractice1795406000000 implements MigrationInterface {
  name = 'CredentialPlaceOfPractice1795406000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE credential_types ADD COLUMN per_place boolean NOT NULL DEFAULT false`,
    );
    await q.query(`ALTER TABLE credentials ADD COLUMN place varchar(200) NULL`);
    await q.query(
      `ALTER TABLE credentials ADD CONSTRAINT ck_credentials_place CHECK (place IS NULL OR btrim(place) <> '')`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credentials DROP COLUMN place`);
    await q.query(`ALTER TABLE credential_types DROP COLUMN per_place`);
  }
}

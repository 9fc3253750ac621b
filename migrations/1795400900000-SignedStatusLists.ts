import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each status list as last signed: served as stored, signed again only when its bits change. */
export class SignedStatusLists1795400900000 implements MigrationInterface {
  name = 'SignedStatusLists1795400900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signed_status_lists (
        purpose varchar(12) NOT NULL,
        list integer NOT NULL,
        encoded_list text NOT NULL,
        credential text NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_signed_status_lists PRIMARY KEY (purpose, list),
        CONSTRAINT ck_signed_status_lists_purpose CHECK (purpose IN ('revocation', 'suspension')),
        CONSTRAINT ck_signed_status_lists_list CHECK (list > 0)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE signed_status_lists`);
  }
}

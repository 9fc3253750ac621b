import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each credential issued as a Verifiable Credential gets one position in the Bitstring Status
 * Lists (revocation and suspension share it), handed out once from a sequence.
 */
export class CredentialStatusLists1795353614818 implements MigrationInterface {
  name = 'CredentialStatusLists1795353614818';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE credential_status_list_index_seq AS integer MINVALUE 0 START 0`);
    await q.query(`ALTER TABLE credentials ADD COLUMN status_list_index integer NULL`);
    await q.query(
      `ALTER TABLE credentials ADD CONSTRAINT uq_credentials_status_list_index UNIQUE (status_list_index)`,
    );
    await q.query(
      `ALTER TABLE credentials ADD CONSTRAINT ck_credentials_status_list_index CHECK (status_list_index >= 0)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE credentials DROP COLUMN status_list_index`);
    await q.query(`DROP SEQUENCE credential_status_list_index_seq`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Who checked which credential, and when: organisations read it in bulk, holders read who checked them. */
export class VerificationLog1795349661328 implements MigrationInterface {
  name = 'VerificationLog1795349661328';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verification_log (
        id bigint GENERATED ALWAYS AS IDENTITY,
        credential_id uuid NOT NULL,
        api_key_id uuid NULL,
        organisation varchar(200) NOT NULL,
        channel varchar(10) NOT NULL,
        checked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_verification_log PRIMARY KEY (id),
        CONSTRAINT fk_verification_log_credential_id FOREIGN KEY (credential_id) REFERENCES credentials (id),
        CONSTRAINT fk_verification_log_api_key_id FOREIGN KEY (api_key_id) REFERENCES api_keys (id) ON DELETE SET NULL,
        CONSTRAINT ck_verification_log_channel CHECK (channel IN ('single', 'bulk'))
      )`);
    await q.query(
      `CREATE INDEX ix_verification_log_credential_id ON verification_log (credential_id, checked_at)`,
    );
    await q.query(
      `CREATE INDEX ix_verification_log_api_key_id ON verification_log (api_key_id, checked_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE verification_log`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The association's Ed25519 signing key for Verifiable Credentials, generated at first start.
 * The private key is stored encrypted (AES-256-GCM) under a secret from the environment.
 */
export class IssuerKeys1795353168323 implements MigrationInterface {
  name = 'IssuerKeys1795353168323';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE issuer_keys (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        public_key_multibase varchar(100) NOT NULL,
        private_key_encrypted bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz NULL,
        CONSTRAINT pk_issuer_keys PRIMARY KEY (id),
        CONSTRAINT uq_issuer_keys_public_key_multibase UNIQUE (public_key_multibase),
        CONSTRAINT ck_issuer_keys_public_key_multibase CHECK (public_key_multibase ~ '^z6Mk[1-9A-HJ-NP-Za-km-z]+$')
      )`);
    // At most one key signs at a time; retired keys stay to verify what they signed.
    await q.query(
      `CREATE UNIQUE INDEX uq_issuer_keys_active ON issuer_keys ((true)) WHERE retired_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE issuer_keys`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pack an admin imported is kept, under its name, as last loaded: listed beside the shipped
 * ones, read back whole, and loaded again (into this deployment, after a correction here).
 */
export class ImportedPacks1795405900000 implements MigrationInterface {
  name = 'ImportedPacks1795405900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imported_packs (
        name varchar(40) NOT NULL,
        description text NOT NULL,
        pack jsonb NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        imported_by_account_id uuid NULL,
        CONSTRAINT pk_imported_packs PRIMARY KEY (name),
        CONSTRAINT ck_imported_packs_name CHECK (name ~ '^[a-z][a-z0-9-]{0,39}$'),
        CONSTRAINT fk_imported_packs_imported_by_account_id
          FOREIGN KEY (imported_by_account_id) REFERENCES accounts (id)
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE imported_packs`);
  }
}

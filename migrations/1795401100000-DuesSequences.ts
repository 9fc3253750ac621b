import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dues number their invoices and receipts from a counter table of their own, now that dues are a
 * module apart from membership (which keeps member numbers in membership_sequences).
 */
export class DuesSequences1795401100000 implements MigrationInterface {
  name = 'DuesSequences1795401100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dues_sequences (
        name varchar(20) NOT NULL,
        scope varchar(100) NOT NULL,
        last_value bigint NOT NULL,
        CONSTRAINT pk_dues_sequences PRIMARY KEY (name, scope),
        CONSTRAINT ck_dues_sequences_name CHECK (name IN ('invoice', 'receipt')),
        CONSTRAINT ck_dues_sequences_last_value CHECK (last_value > 0)
      )`);
    await q.query(`
      INSERT INTO dues_sequences (name, scope, last_value)
        SELECT name, scope, last_value FROM membership_sequences WHERE name IN ('invoice', 'receipt')`);
    await q.query(`DELETE FROM membership_sequences WHERE name IN ('invoice', 'receipt')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO membership_sequences (name, scope, last_value)
        SELECT name, scope, last_value FROM dues_sequences`);
    await q.query(`DROP TABLE dues_sequences`);
  }
}

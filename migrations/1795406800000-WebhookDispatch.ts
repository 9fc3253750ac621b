import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The changes of watched credentials become deliveries to the watching organisations' endpoints
 * in order, from a cursor kept in one row (locked: one replica dispatches at a time), each change
 * to each endpoint once.
 */
export class WebhookDispatch1795406800000 implements MigrationInterface {
  name = 'WebhookDispatch1795406800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_dispatch_cursors (
        name varchar(40) NOT NULL,
        tx_id bigint NOT NULL,
        change_id bigint NOT NULL,
        CONSTRAINT pk_webhook_dispatch_cursors PRIMARY KEY (name)
      )`);
    // From now: what changed before watch lists existed is no news to anyone.
    await q.query(`
      INSERT INTO webhook_dispatch_cursors (name, tx_id, change_id)
      VALUES ('credential-changes', pg_current_xact_id()::text::bigint, 0)`);
    await q.query(`ALTER TABLE webhook_deliveries ADD COLUMN change_id bigint NULL`);
    await q.query(`
      CREATE UNIQUE INDEX uq_webhook_deliveries_endpoint_change
        ON webhook_deliveries (endpoint_id, change_id) WHERE change_id IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_webhook_deliveries_endpoint_change`);
    await q.query(`ALTER TABLE webhook_deliveries DROP COLUMN change_id`);
    await q.query(`DROP TABLE webhook_dispatch_cursors`);
  }
}

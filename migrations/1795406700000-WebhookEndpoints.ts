import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's webhook endpoints, each with its signing secret (and the one it replaced,
 * still honoured for a while after a rotation), and every delivery made to them: its
 * `webhook-id`, the same on every attempt, and how the last attempt went.
 */
export class WebhookEndpoints1795406700000 implements MigrationInterface {
  name = 'WebhookEndpoints1795406700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        api_key_id uuid NOT NULL,
        url varchar(2000) NOT NULL,
        secret varchar(100) NOT NULL,
        previous_secret varchar(100) NULL,
        previous_secret_until timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_webhook_endpoints PRIMARY KEY (id),
        CONSTRAINT fk_webhook_endpoints_api_key_id FOREIGN KEY (api_key_id) REFERENCES api_keys (id),
        CONSTRAINT ck_webhook_endpoints_previous_secret
          CHECK ((previous_secret IS NULL) = (previous_secret_until IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_webhook_endpoints_api_key_id ON webhook_endpoints (api_key_id)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id varchar(40) NOT NULL,
        endpoint_id uuid NOT NULL,
        event_type varchar(60) NOT NULL,
        payload jsonb NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer NULL,
        last_duration_ms integer NULL,
        last_error varchar(500) NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz NULL,
        CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id),
        CONSTRAINT fk_webhook_deliveries_endpoint_id FOREIGN KEY (endpoint_id)
          REFERENCES webhook_endpoints (id),
        CONSTRAINT ck_webhook_deliveries_status CHECK (status IN ('pending', 'delivered', 'failed'))
      )`);
    await q.query(
      `CREATE INDEX ix_webhook_deliveries_endpoint_id ON webhook_deliveries (endpoint_id, created_at)`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_endpoints`);
  }
}

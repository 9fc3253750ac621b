import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CREDENTIALS_READ_MODEL, type WatchedChange } from 'src/credentials/credentials.read-model';
import { WebhookDelivery } from 'src/watch-lists/entities/webhook-delivery.entity';
import { WebhookEndpoint } from 'src/watch-lists/entities/webhook-endpoint.entity';

/** Queries of webhook endpoints and their deliveries, named. */
@Injectable()
export class WebhookEndpointsRepository {
  insert(
    manager: EntityManager,
    values: Pick<WebhookEndpoint, 'apiKeyId' | 'url' | 'secret'>,
  ): Promise<WebhookEndpoint> {
    return manager.save(manager.create(WebhookEndpoint, values));
  }

  listOf(manager: EntityManager, apiKeyId: string): Promise<WebhookEndpoint[]> {
    return manager.find(WebhookEndpoint, { where: { apiKeyId }, order: { createdAt: 'ASC' } });
  }

  /** One of an organisation's endpoints, or null (another's is as missing as none). */
  findOwn(manager: EntityManager, id: string, apiKeyId: string) {
    return manager.findOneBy(WebhookEndpoint, { id, apiKeyId });
  }

  /** The same, locked for a change: two rotations at once take turns. */
  lockOwn(manager: EntityManager, id: string, apiKeyId: string) {
    return manager.findOne(WebhookEndpoint, {
      where: { id, apiKeyId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async rotate(
    manager: EntityManager,
    endpoint: WebhookEndpoint,
    values: Pick<WebhookEndpoint, 'secret' | 'previousSecret' | 'previousSecretUntil'>,
  ): Promise<WebhookEndpoint> {
    await manager.update(WebhookEndpoint, { id: endpoint.id }, values);
    return { ...endpoint, ...values };
  }

  async insertDelivery(
    manager: EntityManager,
    values: Pick<WebhookDelivery, 'id' | 'endpointId' | 'eventType' | 'payload'>,
  ): Promise<void> {
    await manager.save(manager.create(WebhookDelivery, values));
  }

  findDelivery(manager: EntityManager, id: string): Promise<WebhookDelivery | null> {
    return manager.findOne(WebhookDelivery, { where: { id }, relations: { endpoint: true } });
  }

  /** An endpoint's latest deliveries, newest first. */
  deliveriesOf(manager: EntityManager, endpointId: string): Promise<WebhookDelivery[]> {
    return manager.find(WebhookDelivery, {
      where: { endpointId },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: 100,
    });
  }

  /** The dispatch cursor, locked: one replica makes deliveries at a time, in order. */
  async lockDispatchCursor(manager: EntityManager): Promise<{ txId: string; id: string }> {
    const [cursor] = await manager.query<{ txId: string; id: string }[]>(
      `SELECT tx_id::text AS "txId", change_id::text AS id FROM webhook_dispatch_cursors
        WHERE name = 'credential-changes' FOR UPDATE`,
    );
    return cursor;
  }

  async moveDispatchCursor(manager: EntityManager, to: { txId: string; id: string }) {
    await manager.query(
      `UPDATE webhook_dispatch_cursors SET tx_id = $1, change_id = $2 WHERE name = 'credential-changes'`,
      [to.txId, to.id],
    );
  }

  /** The changes of every watched credential after the cursor, in order. */
  watchedChangesAfter(
    manager: EntityManager,
    after: { txId: string; id: string },
    limit: number,
  ): Promise<WatchedChange[]> {
    return manager.query(
      CREDENTIALS_READ_MODEL.changesAfter(
        'SELECT w.credential_id FROM watch_entries w',
        '$1',
        '$2',
        '$3',
      ),
      [after.txId, after.id, limit],
    );
  }

  /** The endpoints of every organisation with a list watching the credential. */
  async endpointsWatching(manager: EntityManager, credentialId: string): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT DISTINCT e.id FROM webhook_endpoints e
         JOIN watch_lists l ON l.api_key_id = e.api_key_id
         JOIN watch_entries w ON w.watch_list_id = l.id
        WHERE w.credential_id = $1`,
      [credentialId],
    );
    return rows.map((row) => row.id);
  }

  /** A change's delivery to an endpoint, once: whether it is new. */
  async insertChangeDelivery(
    manager: EntityManager,
    values: Pick<WebhookDelivery, 'id' | 'endpointId' | 'eventType' | 'payload' | 'changeId'>,
  ): Promise<boolean> {
    const inserted = await manager.query<unknown[]>(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_type, payload, change_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (endpoint_id, change_id) WHERE change_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [values.id, values.endpointId, values.eventType, values.payload, values.changeId],
    );
    return inserted.length > 0;
  }

  /** How an attempt went: a 2xx delivers it, anything else leaves it to be tried again. */
  async recordAttempt(
    manager: EntityManager,
    id: string,
    attempt: { statusCode: number | null; durationMs: number; error: string | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE webhook_deliveries
          SET attempts = attempts + 1, last_status_code = $2, last_duration_ms = $3,
              last_error = left($4, 500),
              status = CASE WHEN $4::text IS NULL THEN 'delivered' ELSE status END,
              delivered_at = CASE WHEN $4::text IS NULL THEN now() ELSE delivered_at END
        WHERE id = $1`,
      [id, attempt.statusCode, attempt.durationMs, attempt.error],
    );
  }
}

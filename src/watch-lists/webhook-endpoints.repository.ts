import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

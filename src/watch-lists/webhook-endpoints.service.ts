import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { requireApiKey } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';
import { JobQueue } from 'src/database/job-queue';
import { Transactions } from 'src/database/transactions';
import type {
  CreateWebhookEndpointDto,
  WebhookDeliveryResponse,
  WebhookEndpointResponse,
  WebhookSecretResponse,
  WebhookTestResponse,
} from 'src/watch-lists/dto/watch-list.dto';
import type { WebhookEndpoint } from 'src/watch-lists/entities/webhook-endpoint.entity';
import { WebhookEndpointsRepository } from 'src/watch-lists/webhook-endpoints.repository';

export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';
export const WEBHOOK_DISPATCH_QUEUE = 'webhook-dispatch';

/** Changes made into deliveries in one transaction. */
const DISPATCH_BATCH = 500;

/** A rotated secret still signs beside the new one for a day: receivers change theirs meanwhile. */
const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** A receiver answers within this, or the attempt failed (and is tried again later). */
const DELIVERY_TIMEOUT_MS = 10_000;
/** Addresses a development machine may deliver to over plain HTTP. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const toResponse = ({
  id,
  url,
  previousSecretUntil,
  createdAt,
}: WebhookEndpoint): WebhookEndpointResponse => ({ id, url, previousSecretUntil, createdAt });

/**
 * An organisation's webhook endpoints and what is delivered to them: each message signed as the
 * Standard Webhooks specification says (`webhook-id`, `webhook-timestamp`, `webhook-signature`,
 * with the `standardwebhooks` library), sent by a job in PostgreSQL that is tried again with
 * backoff until it is answered with a 2xx, the same `webhook-id` on every attempt, each attempt's
 * answer kept in the delivery log.
 */
@Injectable()
export class WebhookEndpointsService {
  private readonly logger = new Logger(WebhookEndpointsService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly repository: WebhookEndpointsRepository,
    private readonly jobs: JobQueue,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {
    jobs.declareWorker(
      WEBHOOK_DELIVERY_QUEUE,
      async (data) => this.deliver(String(data.deliveryId)),
      'standard',
      4,
    );
    // Every minute, across replicas: the changes of watched credentials become deliveries.
    jobs.declareSchedule(WEBHOOK_DISPATCH_QUEUE, '* * * * *');
    jobs.declareWorker(
      WEBHOOK_DISPATCH_QUEUE,
      async () => {
        await this.dispatch();
      },
      'stately',
    );
  }

  /**
   * Makes the changes of watched credentials, in order, into deliveries to the endpoints of every
   * organisation watching each one, each change to each endpoint once, with their jobs, in the
   * transaction that moves the cursor (locked: one replica at a time). How many were made.
   */
  async dispatch(): Promise<number> {
    let made = 0;
    for (;;) {
      const { changes, deliveries } = await this.transactions.run(async (manager) => {
        const cursor = await this.repository.lockDispatchCursor(manager);
        const found = await this.repository.watchedChangesAfter(manager, cursor, DISPATCH_BATCH);
        const ids: string[] = [];
        for (const change of found) {
          for (const endpointId of await this.repository.endpointsWatching(
            manager,
            change.credentialId,
          )) {
            const id = `msg_${randomUUID().replaceAll('-', '')}`;
            const type = `credential.${change.event}`;
            const payload = {
              type,
              timestamp: new Date(change.occurredAt).toISOString(),
              data: { number: change.number, event: change.event },
            };
            const fresh = await this.repository.insertChangeDelivery(manager, {
              id,
              endpointId,
              eventType: type,
              payload,
              changeId: change.id,
            });
            if (fresh) ids.push(id);
          }
        }
        if (found.length) await this.repository.moveDispatchCursor(manager, found.at(-1)!);
        await this.jobs.sendIn(
          manager,
          WEBHOOK_DELIVERY_QUEUE,
          ids.map((deliveryId) => ({ deliveryId })),
        );
        return { changes: found.length, deliveries: ids.length };
      });
      made += deliveries;
      if (changes < DISPATCH_BATCH) return made;
    }
  }

  async create(actor: Actor, dto: CreateWebhookEndpointDto): Promise<WebhookSecretResponse> {
    const key = requireApiKey(actor);
    const url = this.checkedUrl(dto.url);
    const endpoint = await this.transactions.run((manager) =>
      this.repository.insert(manager, { apiKeyId: key.apiKeyId, url, secret: newSecret() }),
    );
    return { ...toResponse(endpoint), secret: endpoint.secret };
  }

  async list(actor: Actor): Promise<WebhookEndpointResponse[]> {
    const key = requireApiKey(actor);
    return (await this.repository.listOf(this.transactions.reader, key.apiKeyId)).map(toResponse);
  }

  /** A new secret; the one it replaces still signs beside it for a day. */
  async rotate(actor: Actor, id: string): Promise<WebhookSecretResponse> {
    const key = requireApiKey(actor);
    const rotated = await this.transactions.run(async (manager) => {
      const endpoint = await this.repository.lockOwn(manager, id, key.apiKeyId);
      if (!endpoint) throw notFound('Webhook endpoint', id);
      return this.repository.rotate(manager, endpoint, {
        secret: newSecret(),
        previousSecret: endpoint.secret,
        previousSecretUntil: new Date(Date.now() + ROTATION_OVERLAP_MS),
      });
    });
    return { ...toResponse(rotated), secret: rotated.secret };
  }

  /** A test message, delivered as every other: signed, tried again until answered, logged. */
  async test(actor: Actor, id: string): Promise<WebhookTestResponse> {
    const key = requireApiKey(actor);
    const deliveryId = `msg_${randomUUID().replaceAll('-', '')}`;
    await this.transactions.run(async (manager) => {
      const endpoint = await this.repository.lockOwn(manager, id, key.apiKeyId);
      if (!endpoint) throw notFound('Webhook endpoint', id);
      await this.repository.insertDelivery(manager, {
        id: deliveryId,
        endpointId: endpoint.id,
        eventType: 'webhook.test',
        payload: {
          type: 'webhook.test',
          timestamp: new Date().toISOString(),
          data: { endpointId: endpoint.id, organisation: key.organisation },
        },
      });
      await this.jobs.sendIn(manager, WEBHOOK_DELIVERY_QUEUE, [{ deliveryId }]);
    });
    return { deliveryId };
  }

  async deliveries(actor: Actor, id: string): Promise<WebhookDeliveryResponse[]> {
    const key = requireApiKey(actor);
    const endpoint = await this.repository.findOwn(this.transactions.reader, id, key.apiKeyId);
    if (!endpoint) throw notFound('Webhook endpoint', id);
    return (await this.repository.deliveriesOf(this.transactions.reader, id)).map(
      ({ endpointId: _endpoint, payload: _payload, endpoint: _loaded, ...delivery }) => delivery,
    );
  }

  /**
   * One attempt at a delivery: signed afresh with the endpoint's secrets, the same webhook-id.
   * A 2xx ends it; anything else is kept in the log and thrown, for the queue to try again.
   */
  async deliver(deliveryId: string): Promise<void> {
    const delivery = await this.repository.findDelivery(this.transactions.reader, deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    const endpoint = delivery.endpoint!;
    const body = JSON.stringify(delivery.payload);
    const sentAt = new Date();
    const secrets = [
      endpoint.secret,
      ...(endpoint.previousSecret && endpoint.previousSecretUntil! > sentAt
        ? [endpoint.previousSecret]
        : []),
    ];
    const signature = secrets
      .map((secret) => new Webhook(secret).sign(delivery.id, sentAt, body))
      .join(' ');
    const started = performance.now();
    let statusCode: number | null = null;
    let failure: string | null = null;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body,
        // A redirect is an answer like any other: never followed to somewhere else.
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      statusCode = response.status;
      // Only the status counts: the body is not read, however long.
      await response.body?.cancel();
      if (statusCode < 200 || statusCode >= 300) failure = `answered ${statusCode}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    await this.transactions.run((manager) =>
      this.repository.recordAttempt(manager, delivery.id, {
        statusCode,
        durationMs: Math.round(performance.now() - started),
        error: failure,
      }),
    );
    if (failure) {
      this.logger.warn(`Webhook ${delivery.id} to ${endpoint.url}: ${failure}`);
      throw new Error(`Webhook delivery ${delivery.id} failed: ${failure}`);
    }
  }

  /** HTTPS, or plain HTTP to this machine outside production; nothing else. */
  private checkedUrl(given: string): string {
    const refuse = (message: string): never => {
      throw new AppError('validation-failed', 'Check these fields: url', {
        errors: [{ field: 'url', message }],
      });
    };
    let url: URL;
    try {
      url = new URL(given);
    } catch {
      return refuse('url must be an absolute address');
    }
    const production = this.config.get('nodeEnv', { infer: true }) === 'production';
    if (url.protocol === 'https:') return url.toString();
    if (url.protocol === 'http:' && !production && LOOPBACK.has(url.hostname)) {
      return url.toString();
    }
    return refuse(
      production
        ? 'url must be an https address'
        : 'url must be an https address (plain http only to this machine)',
    );
  }
}

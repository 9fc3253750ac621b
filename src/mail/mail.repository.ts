import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { OutboxMessage, type OutboxStatus } from 'src/mail/entities/outbox-message.entity';

export interface NewMessage {
  /** Chosen by the caller where it records the message's id before writing it. */
  id?: string;
  to: string;
  subject: string;
  body: string;
}

/** Every query of the outbox, named. */
@Injectable()
export class MailRepository {
  /** Many messages in one statement, in the caller's transaction: their ids in order. */
  async insertMany(
    manager: EntityManager,
    messages: NewMessage[],
    status: OutboxStatus,
  ): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO outbox_messages (id, to_address, subject, body, status)
       SELECT coalesce(id, gen_random_uuid()), to_address, subject, body, $4
         FROM unnest($1::text[], $2::text[], $3::text[], $5::uuid[])
              WITH ORDINALITY AS m(to_address, subject, body, id, n)
        ORDER BY n
       RETURNING id`,
      [
        messages.map((message) => message.to),
        messages.map((message) => message.subject),
        messages.map((message) => message.body),
        status,
        messages.map((message) => message.id ?? null),
      ],
    );
    return rows.map((row) => row.id);
  }

  find(manager: EntityManager, id: string): Promise<OutboxMessage | null> {
    return manager.findOneBy(OutboxMessage, { id });
  }

  async markSent(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE outbox_messages SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL
        WHERE id = $1`,
      [id],
    );
  }

  async markFailedAttempt(manager: EntityManager, id: string, error: string): Promise<void> {
    await manager.query(
      `UPDATE outbox_messages SET attempts = attempts + 1, last_error = $2 WHERE id = $1`,
      [id, error.slice(0, 2000)],
    );
  }

  pageQuery(manager: EntityManager, status?: OutboxStatus): SelectQueryBuilder<OutboxMessage> {
    const qb = manager
      .createQueryBuilder(OutboxMessage, 'message')
      .orderBy('message.createdAt', 'DESC')
      .addOrderBy('message.id', 'ASC');
    if (status) qb.andWhere('message.status = :status', { status });
    return qb;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository, type SelectQueryBuilder } from 'typeorm';
import type { AuditQuery } from 'src/audit/dto/audit.query.dto';
import { AuditEvent } from 'src/audit/entities/audit-event.entity';

export type AuditRow = Pick<
  AuditEvent,
  | 'actorKind'
  | 'actorId'
  | 'actorRoles'
  | 'action'
  | 'entityType'
  | 'entityId'
  | 'before'
  | 'after'
  | 'requestId'
  | 'ip'
>;

/** Every query of the audit trail, named. */
@Injectable()
export class AuditRepository {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Rows of one actor, in the caller's transaction, in one statement. */
  async insert(manager: EntityManager, row: AuditRow): Promise<void> {
    await manager.insert(AuditEvent, row);
  }

  async insertMany(manager: EntityManager, rows: AuditRow[]): Promise<void> {
    const { actorKind, actorId, actorRoles, requestId, ip } = rows[0];
    await manager.query(
      `INSERT INTO audit_events (actor_kind, actor_id, actor_roles, action, entity_type, entity_id,
                                 before, after, request_id, ip)
       SELECT $1, $2, $3, action, entity_type, entity_id, before, after, $4, $5
         FROM unnest($6::varchar[], $7::varchar[], $8::varchar[], $9::jsonb[], $10::jsonb[])
           AS c (action, entity_type, entity_id, before, after)`,
      [
        actorKind,
        actorId,
        actorRoles,
        requestId,
        ip,
        rows.map((row) => row.action),
        rows.map((row) => row.entityType),
        rows.map((row) => row.entityId),
        rows.map((row) => (row.before === null ? null : JSON.stringify(row.before))),
        rows.map((row) => (row.after === null ? null : JSON.stringify(row.after))),
      ],
    );
  }

  /** Events matching the filters, newest first (for paging). */
  searchQuery(query: AuditQuery): SelectQueryBuilder<AuditEvent> {
    const qb = this.events.createQueryBuilder('e').orderBy('e.id', 'DESC');
    if (query.entityType)
      qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    return qb;
  }
}

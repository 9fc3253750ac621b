import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import type { Actor } from 'src/auth/principal';
import { AuditEvent } from 'src/audit/entities/audit-event.entity';
import type { AuditQuery } from 'src/audit/dto/audit.query.dto';
import { type Page, paginate } from 'src/common/paging';

export interface Change {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/** Field names whose values never enter the trail, whatever a caller passes. */
const SECRET_FIELD = /password|secret|token|hash|apikey|^key$/i;

function scrub(values: object | null | undefined): object | null {
  if (!values) return null;
  const entries = Object.entries(values).filter(([key]) => !SECRET_FIELD.test(key));
  return entries.length ? Object.fromEntries(entries) : null;
}

/** The fields that differ between two versions of a record, as {before, after}. */
export function changedFields<T extends object>(before: T, after: T, fields: (keyof T)[]) {
  const changed = fields.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  );
  const pick = (source: T) => Object.fromEntries(changed.map((field) => [field, source[field]]));
  return { before: pick(before), after: pick(after), changed };
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Writes one audit row inside the caller's transaction, so the change and its record commit together. */
  async record(manager: EntityManager, actor: Actor, change: Change): Promise<void> {
    await manager.insert(AuditEvent, this.row(actor, change));
  }

  private row(actor: Actor, change: Change) {
    return {
      actorKind: actor.kind,
      actorId:
        actor.kind === 'account'
          ? actor.accountId
          : actor.kind === 'api_key'
            ? actor.apiKeyId
            : null,
      actorRoles: actor.kind === 'account' ? actor.roles : [],
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: scrub(change.before),
      after: scrub(change.after),
      requestId: actor.requestId,
      ip: actor.ip,
    };
  }

  /** Many rows at once (a job's or an import's changes), in the caller's transaction, in one statement. */
  async recordMany(manager: EntityManager, actor: Actor, changes: Change[]): Promise<void> {
    if (!changes.length) return;
    const rows = changes.map((change) => this.row(actor, change));
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

  async search(query: AuditQuery): Promise<Page<AuditEvent>> {
    const qb = this.events.createQueryBuilder('e').orderBy('e.id', 'DESC');
    if (query.entityType)
      qb.andWhere('e.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('e.entity_id = :entityId', { entityId: query.entityId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: query.to });
    return paginate(qb, query, (event) => event);
  }
}

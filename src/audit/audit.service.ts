import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/auth/principal';
import { AuditRepository, type AuditRow } from 'src/audit/audit.repository';
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
  constructor(private readonly repository: AuditRepository) {}

  /** Writes one audit row inside the caller's transaction, so the change and its record commit together. */
  async record(manager: EntityManager, actor: Actor, change: Change): Promise<void> {
    await this.repository.insert(manager, this.row(actor, change));
  }

  private row(actor: Actor, change: Change): AuditRow {
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
    await this.repository.insertMany(manager, rows);
  }

  async search(query: AuditQuery): Promise<Page<AuditEvent>> {
    const qb = this.repository.searchQuery(query);
    return paginate(qb, query, (event) => event);
  }
}

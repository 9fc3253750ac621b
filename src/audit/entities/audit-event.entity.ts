import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ActorKind = 'account' | 'api_key' | 'system';

/** One change: who, what, when, before and after. A trigger refuses UPDATE, DELETE and TRUNCATE. */
@Entity('audit_events')
@Check('ck_audit_events_actor_kind', `actor_kind IN ('account', 'api_key', 'system')`)
@Index('ix_audit_events_entity', ['entityType', 'entityId', 'id'])
@Index('ix_audit_events_actor_id', ['actorId', 'id'])
@Index('ix_audit_events_occurred_at', ['occurredAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) occurredAt: Date;
  @Column({ type: 'varchar', length: 10 }) actorKind: ActorKind;
  @Column({ type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ type: 'text', array: true, default: '{}' }) actorRoles: string[];
  @Column({ type: 'varchar', length: 80 }) action: string;
  @Column({ type: 'varchar', length: 60 }) entityType: string;
  @Column({ type: 'varchar', length: 64 }) entityId: string;
  @Column({ type: 'jsonb', nullable: true }) before: object | null;
  @Column({ type: 'jsonb', nullable: true }) after: object | null;
  @Column({ type: 'varchar', length: 128, nullable: true }) requestId: string | null;
  @Column({ type: 'inet', nullable: true }) ip: string | null;
}

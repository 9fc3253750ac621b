import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Credential } from 'src/credentials/entities/credential.entity';

export const CREDENTIAL_EVENTS = [
  'issued',
  'recorded',
  'verified',
  'rejected',
  'suspended',
  'reinstated',
  'revoked',
  'resubmitted',
  'renewed',
  'superseded',
  'ended',
] as const;
export type CredentialEventKind = (typeof CREDENTIAL_EVENTS)[number];

/** Every step in a credential's life, with its reason, method and source where it has them. */
@Entity('credential_events')
@Check(
  'ck_credential_events_event',
  `event IN ('issued', 'recorded', 'verified', 'rejected', 'suspended', 'reinstated', 'revoked', 'resubmitted', 'renewed', 'superseded', 'ended')`,
)
@Check(
  'ck_credential_events_reason',
  `event NOT IN ('rejected', 'suspended', 'reinstated', 'revoked', 'ended') OR btrim(coalesce(reason, '')) <> ''`,
)
@Check('ck_credential_events_suspended_until', `suspended_until IS NULL OR event = 'suspended'`)
@Check('ck_credential_events_announced_until', `announced_until IS NULL OR event = 'ended'`)
@Index('ix_credential_events_credential_id', ['credentialId', 'occurredAt'])
// Partial, over the events that name a suspension: created by the migration.
@Index('ix_credential_events_suspension_id', { synchronize: false })
export class CredentialEvent {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) credentialId: string;
  @ManyToOne('Credential', 'events')
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_credential_events_credential_id',
  })
  credential?: Credential;
  @Column({ type: 'varchar', length: 20 }) event: CredentialEventKind;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) method: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) sourceReference: string | null;
  /** The association's calendar day it took effect (null on events kept before it was dated). */
  @Column({ type: 'date', nullable: true }) effectiveOn: string | null;
  /** A suspension's announced last day (null: until lifted); kept when it is lifted early. */
  @Column({ type: 'date', nullable: true }) suspendedUntil: string | null;
  /** An `ended` credential's last day as it was before practice at its place ended. */
  @Column({ type: 'date', nullable: true }) announcedUntil: string | null;
  /** The kept suspension a `suspended` or `reinstated` event opens or lifts. */
  @Column({ type: 'uuid', nullable: true }) suspensionId: string | null;
  @ManyToOne('CredentialSuspension')
  @JoinColumn({
    name: 'suspension_id',
    foreignKeyConstraintName: 'fk_credential_events_suspension_id',
  })
  suspension?: unknown;
  @Column({ type: 'uuid', nullable: true }) actorAccountId: string | null;
  // Named, not imported: the auth module keeps its entity to itself.
  @ManyToOne('Account')
  @JoinColumn({
    name: 'actor_account_id',
    foreignKeyConstraintName: 'fk_credential_events_actor_account_id',
  })
  actor?: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) occurredAt: Date;
}

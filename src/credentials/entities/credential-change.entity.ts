import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Credential } from 'src/credentials/entities/credential.entity';

/**
 * A change a verifier would see of a credential (suspended, reinstated, revoked, renewed,
 * superseded, ended), kept by a trigger on its event in the same transaction (an outbox), with
 * that transaction's id: read in (tx_id, id) order below the oldest transaction still running,
 * nothing committed late is ever passed over.
 */
@Entity('credential_changes')
@Index('ix_credential_changes_credential_id', ['credentialId', 'txId', 'id'])
@Index('ix_credential_changes_tx_id', ['txId', 'id'])
// Partial, over the dated changes: created by the migration.
@Index('uq_credential_changes_dated', { synchronize: false })
export class CredentialChange {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'bigint' }) txId: string;
  @Column({ type: 'uuid' }) credentialId: string;
  @ManyToOne(() => Credential)
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_credential_changes_credential_id',
  })
  credential?: Credential;
  @Column({ type: 'varchar', length: 20 }) event: string;
  /** A change read from dates (an expiry): the day it took effect, kept once. */
  @Column({ type: 'date', nullable: true }) onDay: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) occurredAt: Date;
}

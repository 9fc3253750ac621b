import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Credential } from 'src/credentials/entities/credential.entity';

export const CREDENTIAL_SUSPENSION_SOURCES = [
  'staff',
  'sanction',
  'membership',
  'membership_end',
] as const;
export type CredentialSuspensionSource = (typeof CREDENTIAL_SUSPENSION_SOURCES)[number];

/**
 * One suspension of a credential, with its source (staff, an ethics sanction, the membership a
 * card follows, a membership that ended), period and lifting: several compose, and the
 * credential is suspended while any one holds.
 */
@Entity('credential_suspensions')
@Check(
  'ck_credential_suspensions_source',
  `source IN ('staff', 'sanction', 'membership', 'membership_end')`,
)
@Check('ck_credential_suspensions_reason', `btrim(reason) <> ''`)
@Check('ck_credential_suspensions_ends_on', 'ends_on IS NULL OR ends_on >= starts_on')
@Check('ck_credential_suspensions_lifted', '(lifted_on IS NULL) = (lift_reason IS NULL)')
@Index('ix_credential_suspensions_credential_id', ['credentialId', 'startsOn'])
// One per source record (a sanction, a membership's suspension), partial: created by the migration.
@Index('uq_credential_suspensions_source_id', { synchronize: false })
export class CredentialSuspension {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) credentialId: string;
  @ManyToOne('Credential')
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_credential_suspensions_credential_id',
  })
  credential?: Credential;
  @Column({ type: 'varchar', length: 20 }) source: CredentialSuspensionSource;
  /** The record it comes from: the sanction, or the membership's suspension a card follows. */
  @Column({ type: 'uuid', nullable: true }) sourceId: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'date' }) startsOn: string;
  /** The announced last day (null: until lifted); kept when it is lifted early. */
  @Column({ type: 'date', nullable: true }) endsOn: string | null;
  @Column({ type: 'date', nullable: true }) liftedOn: string | null;
  @Column({ type: 'text', nullable: true }) liftReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

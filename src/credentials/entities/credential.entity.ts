import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { StoredStatus, VerificationStatus } from 'src/credentials/credential-rules';
import { CredentialEvent } from 'src/credentials/entities/credential-event.entity';
import { CredentialPeriod } from 'src/credentials/entities/credential-period.entity';
import { CredentialType } from 'src/credentials/entities/credential-type.entity';

/**
 * A certificate or licence of a person. `status` is the administrative state; whether it has
 * expired is read from `validUntil` (the current period, copied here for fast lookups).
 */
@Entity('credentials')
@Unique('uq_credentials_number', ['number'])
@Unique('uq_credentials_status_list_index', ['statusListIndex'])
@Check('ck_credentials_status_list_index', 'status_list_index >= 0')
@Check('ck_credentials_status', `status IN ('active', 'suspended', 'revoked', 'superseded')`)
@Check('ck_credentials_superseded_by', `(status = 'superseded') = (superseded_by_id IS NOT NULL)`)
@Check(
  'ck_credentials_verification_status',
  `verification_status IN ('submitted', 'verified', 'rejected')`,
)
@Check('ck_credentials_validity', 'valid_until IS NULL OR valid_until >= valid_from')
@Check('ck_credentials_number', `btrim(number) <> ''`)
@Check('ck_credentials_place', `place IS NULL OR btrim(place) <> ''`)
@Check('ck_credentials_suspended_until', `suspended_until IS NULL OR status = 'suspended'`)
@Index('ix_credentials_person_id', ['personId'])
@Index('ix_credentials_credential_type_id', ['credentialTypeId'])
export class Credential {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) personId: string;
  // Named, not imported: the people module keeps its entity to itself.
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_credentials_person_id' })
  person?: unknown;
  @Column({ type: 'uuid' }) credentialTypeId: string;
  @ManyToOne(() => CredentialType)
  @JoinColumn({
    name: 'credential_type_id',
    foreignKeyConstraintName: 'fk_credentials_credential_type_id',
  })
  credentialType: CredentialType;
  @Column({ type: 'varchar', length: 100 }) number: string;
  @Column({ type: 'varchar', length: 200 }) issuingAuthority: string;
  /** The place of practice it is for, where its type is issued per place (a SIP); else null. */
  @Column({ type: 'varchar', length: 200, nullable: true }) place: string | null;
  /** The speciality or grade it is issued in, one of its type's profession's; null if none. */
  @Column({ type: 'varchar', length: 40, nullable: true }) speciality: string | null;
  @Column({ type: 'varchar', length: 12, default: 'active' }) status: StoredStatus;
  @Column({ type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) statusChangedAt: Date;
  @Column({ type: 'date', nullable: true }) suspendedUntil: string | null;
  @Column({ type: 'varchar', length: 12 }) verificationStatus: VerificationStatus;
  @Column({ type: 'date' }) validFrom: string;
  @Column({ type: 'date', nullable: true }) validUntil: string | null;
  /** How many validity periods it has had: one until it is renewed or valid again. */
  @Column({ type: 'integer', default: 1 }) periodCount: number;
  /** The later credential of the same person that replaced this one (status `superseded`). */
  @Column({ type: 'uuid', nullable: true }) supersededById: string | null;
  @ManyToOne(() => Credential)
  @JoinColumn({
    name: 'superseded_by_id',
    foreignKeyConstraintName: 'fk_credentials_superseded_by_id',
  })
  supersededBy?: Credential;
  /** Position in the Bitstring Status Lists, given when first issued as a Verifiable Credential. */
  @Column({ type: 'integer', nullable: true }) statusListIndex: number | null;
  @OneToMany(() => CredentialPeriod, (period) => period.credential) periods: CredentialPeriod[];
  @OneToMany(() => CredentialEvent, (event) => event.credential) events: CredentialEvent[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

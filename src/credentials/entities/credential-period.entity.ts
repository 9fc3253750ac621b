import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Credential } from 'src/credentials/entities/credential.entity';

/** One validity period; a renewal adds the next and the history stays. */
@Entity('credential_periods')
@Unique('uq_credential_periods_credential_valid_from', ['credentialId', 'validFrom'])
@Check('ck_credential_periods_validity', 'valid_until IS NULL OR valid_until >= valid_from')
export class CredentialPeriod {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) credentialId: string;
  @ManyToOne('Credential', 'periods')
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_credential_periods_credential_id',
  })
  credential?: Credential;
  @Column({ type: 'date' }) validFrom: string;
  @Column({ type: 'date', nullable: true }) validUntil: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

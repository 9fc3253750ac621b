import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Credential } from 'src/credentials/entities/credential.entity';

export const VERIFICATION_CHANNELS = ['single', 'bulk', 'standing'] as const;
export type VerificationChannel = (typeof VERIFICATION_CHANNELS)[number];

/** One check of a credential by an organisation (API key); the organisation's name is kept as it was. */
@Entity('verification_log')
@Check('ck_verification_log_channel', `channel IN ('single', 'bulk', 'standing')`)
@Index('ix_verification_log_credential_id', ['credentialId', 'checkedAt'])
@Index('ix_verification_log_api_key_id', ['apiKeyId', 'checkedAt'])
export class VerificationLogEntry {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'uuid' }) credentialId: string;
  @ManyToOne(() => Credential)
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_verification_log_credential_id',
  })
  credential?: Credential;
  @Column({ type: 'uuid', nullable: true }) apiKeyId: string | null;
  // Named, not imported: the auth module keeps its entity to itself.
  @ManyToOne('ApiKey', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'fk_verification_log_api_key_id' })
  apiKey?: unknown;
  @Column({ type: 'varchar', length: 200 }) organisation: string;
  @Column({ type: 'varchar', length: 10 }) channel: VerificationChannel;
  @Column({ type: 'timestamptz', default: () => 'now()' }) checkedAt: Date;
}

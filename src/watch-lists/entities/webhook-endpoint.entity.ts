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

/**
 * Where an organisation is told of changes: an HTTPS address (plain HTTP only to this machine
 * outside production) and the secret its deliveries are signed with. After a rotation the
 * secret it replaced still signs, beside the new one, until `previousSecretUntil`.
 */
@Entity('webhook_endpoints')
@Index('ix_webhook_endpoints_api_key_id', ['apiKeyId'])
@Check(
  'ck_webhook_endpoints_previous_secret',
  '(previous_secret IS NULL) = (previous_secret_until IS NULL)',
)
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) apiKeyId: string;
  // Named, not imported: the accounts module keeps its entity to itself.
  @ManyToOne('ApiKey')
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'fk_webhook_endpoints_api_key_id' })
  apiKey?: unknown;
  @Column({ type: 'varchar', length: 2000 }) url: string;
  /** `whsec_` and 32 random bytes in base64, as Standard Webhooks has it. */
  @Column({ type: 'varchar', length: 100 }) secret: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) previousSecret: string | null;
  @Column({ type: 'timestamptz', nullable: true }) previousSecretUntil: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

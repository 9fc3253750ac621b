import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { WebhookEndpoint } from 'src/watch-lists/entities/webhook-endpoint.entity';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One message to an endpoint: its `webhook-id` (the same on every attempt) and its last attempt. */
@Entity('webhook_deliveries')
@Index('ix_webhook_deliveries_endpoint_id', ['endpointId', 'createdAt'])
// Partial, over the deliveries of changes (each change to each endpoint once): by the migration.
@Index('uq_webhook_deliveries_endpoint_change', { synchronize: false })
@Check('ck_webhook_deliveries_status', `status IN ('pending', 'delivered', 'failed')`)
export class WebhookDelivery {
  @PrimaryColumn({ type: 'varchar', length: 40 }) id: string;
  @Column({ type: 'uuid' }) endpointId: string;
  @ManyToOne(() => WebhookEndpoint)
  @JoinColumn({
    name: 'endpoint_id',
    foreignKeyConstraintName: 'fk_webhook_deliveries_endpoint_id',
  })
  endpoint?: WebhookEndpoint;
  @Column({ type: 'varchar', length: 60 }) eventType: string;
  @Column({ type: 'jsonb' }) payload: Record<string, unknown>;
  @Column({ type: 'varchar', length: 10, default: 'pending' }) status: DeliveryStatus;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'integer', nullable: true }) lastStatusCode: number | null;
  @Column({ type: 'integer', nullable: true }) lastDurationMs: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) lastError: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt: Date | null;
  /** The change of a watched credential it tells (none: a test message). */
  @Column({ type: 'bigint', nullable: true }) changeId: string | null;
}

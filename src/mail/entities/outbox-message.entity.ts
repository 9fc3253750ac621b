import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['queued', 'sent', 'kept'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A message on its way out: written in the transaction that decided it; `queued` until a job
 * sends it over SMTP (`sent`), or `kept` where no SMTP server is configured, for admins to read.
 */
@Entity('outbox_messages')
@Check('ck_outbox_messages_status', `status IN ('queued', 'sent', 'kept')`)
@Check('ck_outbox_messages_sent', `(status = 'sent') = (sent_at IS NOT NULL)`)
@Index('ix_outbox_messages_created_at', ['createdAt', 'id'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 254 }) toAddress: string;
  @Column({ type: 'varchar', length: 300 }) subject: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 8 }) status: OutboxStatus;
  @Column({ type: 'integer', default: 0 }) attempts: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) sentAt: Date | null;
}

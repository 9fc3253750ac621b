import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { PaymentMethod } from 'src/dues/dues-rules';
import { Invoice } from 'src/dues/entities/invoice.entity';

/** Money received against an invoice, recorded by finance with the bank's reference. */
@Entity('payments')
@Unique('uq_payments_receipt_number', ['receiptNumber'])
@Unique('uq_payments_method_reference', ['method', 'reference'])
@Unique('uq_payments_idempotency_key', ['idempotencyKey'])
@Check('ck_payments_amount', 'amount_minor > 0')
@Check('ck_payments_currency', `currency ~ '^[A-Z]{3}$'`)
@Check(
  'ck_payments_method',
  `method IN ('bank_transfer', 'virtual_account', 'card', 'cash', 'other')`,
)
@Check('ck_payments_reference', `btrim(reference) <> ''`)
@Check('ck_payments_idempotency', '(idempotency_key IS NULL) = (request_fingerprint IS NULL)')
@Index('ix_payments_invoice_id', ['invoiceId'])
export class Payment {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) receiptNumber: string;
  @Column({ type: 'uuid' }) invoiceId: string;
  @ManyToOne(() => Invoice)
  @JoinColumn({ name: 'invoice_id', foreignKeyConstraintName: 'fk_payments_invoice_id' })
  invoice?: Invoice;
  @Column({ type: 'bigint' }) amountMinor: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'varchar', length: 20 }) method: PaymentMethod;
  @Column({ type: 'varchar', length: 100 }) reference: string;
  @Column({ type: 'date' }) paidOn: string;
  @Column({ type: 'uuid', nullable: true }) recordedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'recorded_by_account_id',
    foreignKeyConstraintName: 'fk_payments_recorded_by_account_id',
  })
  recordedBy?: unknown;
  /** The client's `Idempotency-Key`: a retried request finds this payment instead of paying twice. */
  @Column({ type: 'varchar', length: 200, nullable: true }) idempotencyKey: string | null;
  /** SHA-256 of the request, so the same key with a different request is refused. */
  @Column({ type: 'char', length: 64, nullable: true }) requestFingerprint: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

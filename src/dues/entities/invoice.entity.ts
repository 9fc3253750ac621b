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
  UpdateDateColumn,
} from 'typeorm';
import type { DuesStatus, InvoiceKind } from 'src/dues/dues-rules';

/** What a person owes: an application fee or the dues of one period, in minor units. */
@Entity('invoices')
@Unique('uq_invoices_number', ['number'])
@Unique('uq_invoices_application_id', ['applicationId'])
@Unique('uq_invoices_period_id', ['periodId'])
@Check(
  'ck_invoices_kind',
  `(kind = 'application_fee' AND application_id IS NOT NULL AND period_id IS NULL)
          OR (kind = 'dues' AND period_id IS NOT NULL AND application_id IS NULL)`,
)
@Check('ck_invoices_amount', 'amount_minor >= 0')
@Check('ck_invoices_paid', 'paid_minor BETWEEN 0 AND amount_minor')
@Check('ck_invoices_currency', `currency ~ '^[A-Z]{3}$'`)
@Check(
  'ck_invoices_status',
  `(status = 'waived' AND btrim(coalesce(waived_reason, '')) <> '')
          OR (status = 'paid' AND paid_minor = amount_minor)
          OR (status = 'partially_paid' AND paid_minor BETWEEN 1 AND amount_minor - 1)
          OR (status = 'unpaid' AND paid_minor = 0 AND amount_minor > 0)`,
)
@Check('ck_invoices_due_on', 'due_on >= issued_on')
@Index('ix_invoices_person_id', ['personId', 'issuedOn'])
// Partial index on open invoices (arrears), created by the migration.
@Index('ix_invoices_open', { synchronize: false })
export class Invoice {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) number: string;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_invoices_person_id' })
  person?: unknown;
  @Column({ type: 'varchar', length: 20 }) kind: InvoiceKind;
  @Column({ type: 'uuid', nullable: true }) applicationId: string | null;
  @ManyToOne('MembershipApplication')
  @JoinColumn({ name: 'application_id', foreignKeyConstraintName: 'fk_invoices_application_id' })
  application?: unknown;
  @Column({ type: 'uuid', nullable: true }) periodId: string | null;
  @ManyToOne('MembershipPeriod')
  @JoinColumn({ name: 'period_id', foreignKeyConstraintName: 'fk_invoices_period_id' })
  period?: unknown;
  @Column({ type: 'varchar', length: 300 }) description: string;
  @Column({ type: 'bigint' }) amountMinor: string;
  @Column({ type: 'bigint', default: 0 }) paidMinor: string;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'varchar', length: 16, default: 'unpaid' }) status: DuesStatus;
  @Column({ type: 'date' }) issuedOn: string;
  @Column({ type: 'date' }) dueOn: string;
  @Column({ type: 'text', nullable: true }) waivedReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The dues desk's rules, one row: days an invoice is due in, the invoice and receipt number formats. */
@Entity('dues_settings')
@Check('ck_dues_settings_one_row', 'id = 1')
@Check('ck_dues_settings_invoice_due_days', 'invoice_due_days BETWEEN 0 AND 365')
export class DuesSettings {
  @PrimaryColumn({ type: 'smallint', default: 1, primaryKeyConstraintName: 'pk_dues_settings' })
  id: number;
  @Column({ type: 'integer', default: 30 }) invoiceDueDays: number;
  @Column({ type: 'varchar', length: 60, default: 'INV-{YYYY}-{SEQ:6}' })
  invoiceNumberFormat: string;
  @Column({ type: 'varchar', length: 60, default: 'RCP-{YYYY}-{SEQ:6}' })
  receiptNumberFormat: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

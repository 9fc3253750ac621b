import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The last invoice or receipt number handed out per year. */
@Entity('dues_sequences')
@Check('ck_dues_sequences_name', `name IN ('invoice', 'receipt')`)
@Check('ck_dues_sequences_last_value', 'last_value > 0')
export class DuesSequence {
  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'pk_dues_sequences' })
  name: 'invoice' | 'receipt';
  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_dues_sequences' })
  scope: string;
  @Column({ type: 'bigint' }) lastValue: string;
}

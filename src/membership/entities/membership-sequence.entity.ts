import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** The last member number handed out per scope (its prefix). */
@Entity('membership_sequences')
@Check('ck_membership_sequences_last_value', 'last_value > 0')
export class MembershipSequence {
  @PrimaryColumn({
    type: 'varchar',
    length: 20,
    primaryKeyConstraintName: 'pk_membership_sequences',
  })
  name: string;
  @PrimaryColumn({
    type: 'varchar',
    length: 100,
    primaryKeyConstraintName: 'pk_membership_sequences',
  })
  scope: string;
  @Column({ type: 'bigint' }) lastValue: string;
}

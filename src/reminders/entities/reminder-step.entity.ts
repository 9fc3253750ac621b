import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReminderItemKind, ReminderTrigger } from 'src/reminders/reminder-rules';

/**
 * One step of the reminder schedule, as data: for a credential issued here or a membership, so
 * many days before it ends, on entering grace, or after it lapsed; for a CPD cycle short of its
 * credits, so many days before it ends; with its message.
 */
@Entity('reminder_steps')
@Check('ck_reminder_steps_code', `code ~ '^[A-Z][A-Z0-9_]{0,39}$'`)
@Check('ck_reminder_steps_item_kind', `item_kind IN ('credential', 'membership', 'cpd')`)
@Check('ck_reminder_steps_cpd', `item_kind <> 'cpd' OR trigger = 'before_end'`)
@Check('ck_reminder_steps_trigger', `trigger IN ('before_end', 'grace', 'lapsed')`)
@Check('ck_reminder_steps_days', 'days BETWEEN 0 AND 3650')
@Check('ck_reminder_steps_grace', `trigger <> 'grace' OR item_kind = 'membership'`)
@Check('ck_reminder_steps_lapsed', `trigger <> 'lapsed' OR item_kind = 'membership'`)
export class ReminderStep {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'pk_reminder_steps' })
  code: string;
  @Column({ type: 'varchar', length: 12 }) itemKind: ReminderItemKind;
  @Column({ type: 'varchar', length: 12 }) trigger: ReminderTrigger;
  /** Before the end: days before it; in grace or lapsed: days after it began. */
  @Column({ type: 'integer' }) days: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** With {name}, {item}, {endsOn}, {days} and {association} filled in. */
  @Column({ type: 'varchar', length: 300 }) subject: string;
  @Column({ type: 'text' }) body: string;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ReminderStep } from 'src/reminders/entities/reminder-step.entity';

/**
 * A reminder sent: its key (step, item, the end it was about) makes each one once, whichever
 * replica runs the pass and however often it runs.
 */
@Entity('reminders_sent')
@Index('ix_reminders_sent_person_id', ['personId', 'sentOn'])
export class ReminderSent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_reminders_sent' }) stepId: string;
  @ManyToOne(() => ReminderStep)
  @JoinColumn({ name: 'step_id', foreignKeyConstraintName: 'fk_reminders_sent_step_id' })
  step?: ReminderStep;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_reminders_sent' }) itemId: string;
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_reminders_sent' })
  itemEndsOn: string;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_reminders_sent_person_id' })
  person?: unknown;
  @Column({ type: 'uuid', nullable: true }) outboxId: string | null;
  // Checked at commit: a pass records the reminder first and writes its message after.
  @ManyToOne('OutboxMessage', { deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'outbox_id', foreignKeyConstraintName: 'fk_reminders_sent_outbox_id' })
  outbox?: unknown;
  @Column({ type: 'date' }) sentOn: string;
}

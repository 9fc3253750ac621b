import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/** One run of a membership job (the daily status run): when, for which day, what it changed. */
@Entity('membership_job_runs')
@Index('ix_membership_job_runs_job', ['job', 'startedAt'])
export class MembershipJobRun {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) job: string;
  @Column({ type: 'date' }) runOn: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) startedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ type: 'jsonb', nullable: true }) outcome: Record<string, number> | null;
  /** Null when the scheduler started it. */
  @Column({ type: 'uuid', nullable: true }) triggeredByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'triggered_by_account_id',
    foreignKeyConstraintName: 'fk_membership_job_runs_triggered_by_account_id',
  })
  triggeredBy?: unknown;
}

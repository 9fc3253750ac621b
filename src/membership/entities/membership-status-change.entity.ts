import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Membership } from 'src/membership/entities/membership.entity';

/** Every change of a membership's status, dated and reasoned; written by staff, members or the daily job. */
@Entity('membership_status_changes')
@Check('ck_membership_status_changes_reason', `btrim(reason) <> ''`)
@Check(
  'ck_membership_status_changes_suspended_until',
  `suspended_until IS NULL OR to_status = 'suspended'`,
)
@Index('ix_membership_status_changes_membership_id', ['membershipId', 'createdAt'])
export class MembershipStatusChange {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) membershipId: string;
  @ManyToOne(() => Membership)
  @JoinColumn({
    name: 'membership_id',
    foreignKeyConstraintName: 'fk_membership_status_changes_membership_id',
  })
  membership?: Membership;
  @Column({ type: 'varchar', length: 12, nullable: true }) fromStatus: string | null;
  @Column({ type: 'varchar', length: 12 }) toStatus: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'date' }) effectiveOn: string;
  /** A suspension's announced last day (null: until lifted); kept when it is lifted early. */
  @Column({ type: 'date', nullable: true }) suspendedUntil: string | null;
  /** Null when the daily job made the change. */
  @Column({ type: 'uuid', nullable: true }) actorAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'actor_account_id',
    foreignKeyConstraintName: 'fk_membership_status_changes_actor_account_id',
  })
  actor?: unknown;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

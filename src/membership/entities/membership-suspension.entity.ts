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

export const MEMBERSHIP_SUSPENSION_SOURCES = ['staff', 'sanction'] as const;
export type MembershipSuspensionSource = (typeof MEMBERSHIP_SUSPENSION_SOURCES)[number];

/**
 * One suspension of a membership, with its source, period and lifting: several compose, and the
 * membership is suspended while any one holds. A sanction's is kept on a resigned membership too,
 * so a readmission meets it.
 */
@Entity('membership_suspensions')
@Check('ck_membership_suspensions_source', `source IN ('staff', 'sanction')`)
@Check('ck_membership_suspensions_reason', `btrim(reason) <> ''`)
@Check('ck_membership_suspensions_ends_on', 'ends_on IS NULL OR ends_on >= starts_on')
@Check('ck_membership_suspensions_lifted', '(lifted_on IS NULL) = (lift_reason IS NULL)')
@Index('ix_membership_suspensions_membership_id', ['membershipId', 'startsOn'])
// One per source record (a sanction), partial: created by the migration.
@Index('uq_membership_suspensions_source_id', { synchronize: false })
export class MembershipSuspension {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) membershipId: string;
  @ManyToOne(() => Membership)
  @JoinColumn({
    name: 'membership_id',
    foreignKeyConstraintName: 'fk_membership_suspensions_membership_id',
  })
  membership?: Membership;
  @Column({ type: 'varchar', length: 20 }) source: MembershipSuspensionSource;
  /** The record it comes from: the ethics sanction; null for staff's own. */
  @Column({ type: 'uuid', nullable: true }) sourceId: string | null;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'date' }) startsOn: string;
  /** The announced last day (null: until lifted); kept when it is lifted early. */
  @Column({ type: 'date', nullable: true }) endsOn: string | null;
  @Column({ type: 'date', nullable: true }) liftedOn: string | null;
  @Column({ type: 'text', nullable: true }) liftReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

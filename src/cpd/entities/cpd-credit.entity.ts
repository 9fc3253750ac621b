import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { CpdCreditSource } from 'src/cpd/cpd-rules';
import { CpdActivity } from 'src/cpd/entities/cpd-activity.entity';
import { CpdClaim } from 'src/cpd/entities/cpd-claim.entity';
import { CREDITS } from 'src/cpd/entities/credits-column';

/**
 * A credit, recorded once whatever its source: every obligation whose cycle and domains it fits
 * counts it, so nothing is entered twice.
 */
@Entity('cpd_credits')
// On (person_id, earned_on), INCLUDE-ing what the compliance sums read: written by its migration.
@Index('ix_cpd_credits_person_id', { synchronize: false })
@Unique('uq_cpd_credits_claim_id', ['claimId'])
@Unique('uq_cpd_credits_activity_id_person_id', ['activityId', 'personId'])
@Check('ck_cpd_credits_credits', 'credits > 0')
@Unique('uq_cpd_credits_volunteer_hours_id', ['volunteerHoursId'])
@Check('ck_cpd_credits_source', `source IN ('claim', 'attendance', 'volunteering')`)
@Check('ck_cpd_credits_removed', '(removed_on IS NULL) = (removed_reason IS NULL)')
@Check('ck_cpd_credits_activity', `(source = 'attendance') = (activity_id IS NOT NULL)`)
@Check('ck_cpd_credits_claim', `(source = 'claim') = (claim_id IS NOT NULL)`)
@Check(
  'ck_cpd_credits_volunteering',
  `(source = 'volunteering') = (volunteer_hours_id IS NOT NULL)`,
)
export class CpdCreditRecord {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_cpd_credits_person_id' })
  person?: unknown;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'varchar', length: 40 }) domain: string;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'date' }) earnedOn: string;
  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: CREDITS }) credits: number;
  @Column({ type: 'varchar', length: 20 }) source: CpdCreditSource;
  @Column({ type: 'uuid', nullable: true }) claimId: string | null;
  @ManyToOne(() => CpdClaim)
  @JoinColumn({ name: 'claim_id', foreignKeyConstraintName: 'fk_cpd_credits_claim_id' })
  claim?: CpdClaim;
  @Column({ type: 'uuid', nullable: true }) activityId: string | null;
  @ManyToOne(() => CpdActivity)
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_cpd_credits_activity_id' })
  activity?: CpdActivity;
  /**
   * The approved volunteer hours behind a credit from volunteering, its evidence. Volunteering
   * sits above CPD, so this names its row without a relation here.
   */
  @Column({ type: 'uuid', nullable: true }) volunteerHoursId: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;
  /** Removed (an audit found no evidence): kept, and counted nowhere from then on. */
  @Column({ type: 'date', nullable: true }) removedOn: string | null;
  @Column({ type: 'text', nullable: true }) removedReason: string | null;
  @Column({ type: 'uuid', nullable: true }) removedInAuditId: string | null;
  @ManyToOne('CpdAudit')
  @JoinColumn({
    name: 'removed_in_audit_id',
    foreignKeyConstraintName: 'fk_cpd_credits_removed_in_audit_id',
  })
  removedInAudit?: unknown;
}

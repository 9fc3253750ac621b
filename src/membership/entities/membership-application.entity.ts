import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ApplicationStatus } from 'src/membership/membership-rules';
import { MembershipCategory } from 'src/membership/entities/membership-category.entity';

/** `draft -> submitted -> under_review -> approved | rejected | withdrawn`. */
@Entity('membership_applications')
@Check(
  'ck_membership_applications_status',
  `status IN ('draft', 'submitted', 'under_review', 'approved', 'rejected', 'withdrawn')`,
)
@Check(
  'ck_membership_applications_rejection_reason',
  `status <> 'rejected' OR btrim(coalesce(decision_reason, '')) <> ''`,
)
@Index('ix_membership_applications_person_id', ['personId'])
@Index('ix_membership_applications_queue', ['status', 'submittedAt'])
// Partial unique index (one application in progress per person), created by the migration.
@Index('uq_membership_applications_open', { synchronize: false })
export class MembershipApplication {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({
    name: 'person_id',
    foreignKeyConstraintName: 'fk_membership_applications_person_id',
  })
  person?: unknown;
  @Column({ type: 'uuid' }) categoryId: string;
  @ManyToOne(() => MembershipCategory)
  @JoinColumn({
    name: 'category_id',
    foreignKeyConstraintName: 'fk_membership_applications_category_id',
  })
  category: MembershipCategory;
  @Column({ type: 'uuid' }) chapterId: string;
  @ManyToOne('Chapter')
  @JoinColumn({
    name: 'chapter_id',
    foreignKeyConstraintName: 'fk_membership_applications_chapter_id',
  })
  chapter?: unknown;
  @Column({ type: 'varchar', length: 120, nullable: true }) speciality: string | null;
  @Column({ type: 'varchar', length: 12, default: 'draft' }) status: ApplicationStatus;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) reviewStartedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) reviewerAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'reviewer_account_id',
    foreignKeyConstraintName: 'fk_membership_applications_reviewer_account_id',
  })
  reviewer?: unknown;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) decidedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'decided_by_account_id',
    foreignKeyConstraintName: 'fk_membership_applications_decided_by_account_id',
  })
  decidedBy?: unknown;
  @Column({ type: 'text', nullable: true }) decisionReason: string | null;
  @Column({ type: 'uuid', nullable: true }) createdByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'created_by_account_id',
    foreignKeyConstraintName: 'fk_membership_applications_created_by_account_id',
  })
  createdBy?: unknown;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

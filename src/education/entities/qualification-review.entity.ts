import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ReviewDecision, VerificationMethod } from 'src/education/education.types';
import type { Qualification } from 'src/education/entities/qualification.entity';

/** One registrar decision on a qualification; kept forever, so the history stays. */
@Entity('qualification_reviews')
@Check('ck_qualification_reviews_decision', `decision IN ('verified', 'rejected')`)
@Check(
  'ck_qualification_reviews_method',
  `method IN ('issuer_confirmation', 'registry_lookup', 'document_inspection', 'other')`,
)
@Check(
  'ck_qualification_reviews_reason_when_rejected',
  `decision <> 'rejected' OR btrim(coalesce(reason, '')) <> ''`,
)
@Check(
  'ck_qualification_reviews_source_when_verified',
  `decision <> 'verified' OR btrim(coalesce(source_reference, '')) <> ''`,
)
@Index('ix_qualification_reviews_qualification_id', ['qualificationId', 'reviewedAt'])
export class QualificationReview {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) qualificationId: string;
  @ManyToOne('Qualification', 'reviews')
  @JoinColumn({
    name: 'qualification_id',
    foreignKeyConstraintName: 'fk_qualification_reviews_qualification_id',
  })
  qualification?: Qualification;
  @Column({ type: 'varchar', length: 10 }) decision: ReviewDecision;
  @Column({ type: 'varchar', length: 30 }) method: VerificationMethod;
  @Column({ type: 'varchar', length: 300, nullable: true }) sourceReference: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'uuid' }) reviewedByAccountId: string;
  // Named, not imported: the auth module keeps its entity to itself.
  @ManyToOne('Account')
  @JoinColumn({
    name: 'reviewed_by_account_id',
    foreignKeyConstraintName: 'fk_qualification_reviews_reviewed_by_account_id',
  })
  reviewedBy?: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) reviewedAt: Date;
}

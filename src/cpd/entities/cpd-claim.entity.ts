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
import type { CpdClaimStatus } from 'src/cpd/cpd-rules';
import { CREDITS } from 'src/cpd/entities/credits-column';

/** A member's claim for credits earned outside the accredited list, decided by a CPD officer. */
@Entity('cpd_claims')
@Index('ix_cpd_claims_person_id', ['personId'])
@Index('ix_cpd_claims_status', ['status', 'submittedAt'])
@Check('ck_cpd_claims_status', `status IN ('submitted', 'approved', 'rejected', 'needs_info')`)
@Check('ck_cpd_claims_credits_claimed', 'credits_claimed > 0')
@Check(
  'ck_cpd_claims_credits_granted',
  `(status = 'approved') = (credits_granted IS NOT NULL) AND (credits_granted IS NULL OR credits_granted > 0)`,
)
@Check('ck_cpd_claims_reason', `status = 'submitted' OR btrim(coalesce(status_reason, '')) <> ''`)
export class CpdClaim {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) personId: string;
  // Named, not imported: the people module keeps its entity to itself.
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_cpd_claims_person_id' })
  person?: unknown;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'varchar', length: 40 }) domain: string;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'date' }) earnedOn: string;
  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: CREDITS }) creditsClaimed: number;
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true, transformer: CREDITS })
  creditsGranted: number | null;
  @Column({ type: 'varchar', length: 12, default: 'submitted' }) status: CpdClaimStatus;
  @Column({ type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'uuid', nullable: true }) decidedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'decided_by_account_id',
    foreignKeyConstraintName: 'fk_cpd_claims_decided_by_account_id',
  })
  decidedBy?: unknown;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) submittedAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { RenewalStatus } from 'src/renewals/renewal-rules';
import type { StandingResponse } from 'src/standing/dto/standing.dto';

/**
 * A renewal of a credential issued here or of a membership, with the eligibility report (the
 * person's standing, requirement by requirement) it was submitted and decided on.
 */
@Entity('renewal_requests')
@Check('ck_renewal_requests_subject', '(credential_id IS NULL) <> (membership_id IS NULL)')
@Check('ck_renewal_requests_status', `status IN ('submitted', 'approved', 'rejected')`)
@Check(
  'ck_renewal_requests_decision',
  `(status = 'submitted') = (decided_at IS NULL)
          AND (status <> 'rejected' OR btrim(coalesce(reason, '')) <> '')
          AND (status <> 'approved' OR new_starts_on IS NOT NULL)`,
)
@Index('ix_renewal_requests_person_id', ['personId', 'submittedAt'])
// One open request per credential and per membership, one approval per expiry: partial unique
// indexes created by the migration.
@Index('uq_renewal_requests_open_credential', { synchronize: false })
@Index('uq_renewal_requests_open_membership', { synchronize: false })
@Index('uq_renewal_requests_approved_credential', { synchronize: false })
@Index('uq_renewal_requests_approved_membership', { synchronize: false })
export class RenewalRequest {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_renewal_requests_person_id' })
  person?: unknown;
  @Column({ type: 'uuid', nullable: true }) credentialId: string | null;
  @ManyToOne('Credential')
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_renewal_requests_credential_id',
  })
  credential?: unknown;
  @Column({ type: 'uuid', nullable: true }) membershipId: string | null;
  @ManyToOne('Membership')
  @JoinColumn({
    name: 'membership_id',
    foreignKeyConstraintName: 'fk_renewal_requests_membership_id',
  })
  membership?: unknown;
  /** The last day of the validity or cover being renewed: the next period starts the day after. */
  @Column({ type: 'date' }) endsOn: string;
  @Column({ type: 'varchar', length: 10, default: 'submitted' }) status: RenewalStatus;
  @Column({ type: 'jsonb' }) eligibility: StandingResponse;
  /** Approved on submission, every requirement met and the type or category allowing it. */
  @Column({ type: 'boolean', default: false }) automatic: boolean;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'date', nullable: true }) newStartsOn: string | null;
  @Column({ type: 'date', nullable: true }) newEndsOn: string | null;
  @Column({ type: 'uuid', nullable: true }) submittedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'submitted_by_account_id',
    foreignKeyConstraintName: 'fk_renewal_requests_submitted_by_account_id',
  })
  submittedBy?: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) submittedAt: Date;
  @Column({ type: 'uuid', nullable: true }) decidedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'decided_by_account_id',
    foreignKeyConstraintName: 'fk_renewal_requests_decided_by_account_id',
  })
  decidedBy?: unknown;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
}

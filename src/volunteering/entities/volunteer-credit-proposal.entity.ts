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
import { DECIMAL } from 'src/common/decimal-column';
import type { ProposalStatus } from 'src/volunteering/volunteering-rules';
import { VolunteerHours } from 'src/volunteering/entities/volunteer-hours.entity';

/**
 * CPD credits that approved hours propose; the member accepts them into their CPD record (a
 * credit with the hours as its evidence) or declines. Withdrawn when a correction supersedes
 * the hours.
 */
@Entity('volunteer_credit_proposals')
@Unique('uq_volunteer_credit_proposals_hours_id', ['hoursId'])
@Check('ck_volunteer_credit_proposals_credits', 'credits > 0')
@Check(
  'ck_volunteer_credit_proposals_status',
  `status IN ('proposed', 'accepted', 'declined', 'withdrawn')`,
)
@Check('ck_volunteer_credit_proposals_decided', `(status = 'proposed') = (decided_at IS NULL)`)
@Index('ix_volunteer_credit_proposals_person_id', ['personId', 'proposedAt'])
export class VolunteerCreditProposal {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) hoursId: string;
  @ManyToOne(() => VolunteerHours)
  @JoinColumn({
    name: 'hours_id',
    foreignKeyConstraintName: 'fk_volunteer_credit_proposals_hours_id',
  })
  hours?: VolunteerHours;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({
    name: 'person_id',
    foreignKeyConstraintName: 'fk_volunteer_credit_proposals_person_id',
  })
  person?: unknown;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'varchar', length: 40 }) domain: string;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'date' }) earnedOn: string;
  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: DECIMAL }) credits: number;
  @Column({ type: 'varchar', length: 10, default: 'proposed' }) status: ProposalStatus;
  @Column({ type: 'timestamptz', default: () => 'now()' }) proposedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
}

import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { DECIMAL } from 'src/common/decimal-column';
import type { HoursRecordedBy, HoursStatus } from 'src/volunteering/volunteering-rules';
import { Volunteer } from 'src/volunteering/entities/volunteer.entity';
import { VolunteerShift } from 'src/volunteering/entities/volunteer-shift.entity';

/**
 * Hours a volunteer worked: logged by them (pending until decided) or recorded by a coordinator
 * (approved as recorded). Never deleted (a trigger refuses it): a correction is a new entry that,
 * once approved, supersedes the one it corrects.
 */
@Entity('volunteer_hours')
@Check('ck_volunteer_hours_hours', 'hours > 0 AND hours <= 24')
@Check('ck_volunteer_hours_recorded_by', `recorded_by IN ('volunteer', 'coordinator')`)
@Check('ck_volunteer_hours_status', `status IN ('pending', 'approved', 'declined')`)
@Check(
  'ck_volunteer_hours_decision',
  `(status = 'pending') = (decided_at IS NULL)
          AND (status <> 'declined' OR btrim(coalesce(reason, '')) <> '')`,
)
@Index('ix_volunteer_hours_volunteer_id', ['volunteerId', 'workedOn'])
@Index('uq_volunteer_hours_superseded_by_id', ['supersededById'], { unique: true })
export class VolunteerHours {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) volunteerId: string;
  @ManyToOne(() => Volunteer)
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_volunteer_hours_volunteer_id' })
  volunteer?: Volunteer;
  @Column({ type: 'uuid', nullable: true }) shiftId: string | null;
  @ManyToOne(() => VolunteerShift)
  @JoinColumn({ name: 'shift_id', foreignKeyConstraintName: 'fk_volunteer_hours_shift_id' })
  shift?: VolunteerShift;
  @Column({ type: 'date' }) workedOn: string;
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: DECIMAL }) hours: number;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'varchar', length: 12 }) recordedBy: HoursRecordedBy;
  @Column({ type: 'varchar', length: 10, default: 'pending' }) status: HoursStatus;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'uuid', nullable: true }) correctsId: string | null;
  @ManyToOne(() => VolunteerHours)
  @JoinColumn({ name: 'corrects_id', foreignKeyConstraintName: 'fk_volunteer_hours_corrects_id' })
  corrects?: VolunteerHours;
  @Column({ type: 'uuid', nullable: true }) supersededById: string | null;
  @ManyToOne(() => VolunteerHours)
  @JoinColumn({
    name: 'superseded_by_id',
    foreignKeyConstraintName: 'fk_volunteer_hours_superseded_by_id',
  })
  supersededBy?: VolunteerHours;
  @Column({ type: 'uuid', nullable: true }) loggedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'logged_by_account_id',
    foreignKeyConstraintName: 'fk_volunteer_hours_logged_by_account_id',
  })
  loggedBy?: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) loggedAt: Date;
  @Column({ type: 'uuid', nullable: true }) decidedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'decided_by_account_id',
    foreignKeyConstraintName: 'fk_volunteer_hours_decided_by_account_id',
  })
  decidedBy?: unknown;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
}

import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { SignupStatus } from 'src/volunteering/volunteering-rules';
import { Volunteer } from 'src/volunteering/entities/volunteer.entity';
import { VolunteerShift } from 'src/volunteering/entities/volunteer-shift.entity';

/** A volunteer on a shift: confirmed within its capacity, or waiting in the order they came. */
@Entity('shift_signups')
@Check('ck_shift_signups_status', `status IN ('confirmed', 'waiting', 'cancelled')`)
@Check('ck_shift_signups_cancelled', `(status = 'cancelled') = (cancelled_at IS NOT NULL)`)
// One live sign-up per volunteer and shift, and the waiting list's order: partial indexes
// written by the migration.
@Index('uq_shift_signups_live', { synchronize: false })
@Index('ix_shift_signups_waiting', { synchronize: false })
@Index('ix_shift_signups_volunteer_id', ['volunteerId'])
export class ShiftSignup {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) shiftId: string;
  @ManyToOne(() => VolunteerShift)
  @JoinColumn({ name: 'shift_id', foreignKeyConstraintName: 'fk_shift_signups_shift_id' })
  shift?: VolunteerShift;
  @Column({ type: 'uuid' }) volunteerId: string;
  @ManyToOne(() => Volunteer)
  @JoinColumn({ name: 'volunteer_id', foreignKeyConstraintName: 'fk_shift_signups_volunteer_id' })
  volunteer?: Volunteer;
  @Column({ type: 'varchar', length: 10 }) status: SignupStatus;
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' }) signedUpAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) promotedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
}

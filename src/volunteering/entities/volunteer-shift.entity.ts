import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { VolunteerProgram } from 'src/volunteering/entities/volunteer-program.entity';

/** A shift of a program, for a role, with a capacity; further sign-ups wait in order. */
@Entity('volunteer_shifts')
@Check('ck_volunteer_shifts_times', 'ends_at > starts_at')
@Check('ck_volunteer_shifts_capacity', 'capacity BETWEEN 1 AND 10000')
@Index('ix_volunteer_shifts_program_id', ['programId', 'startsAt'])
export class VolunteerShift {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) programId: string;
  @ManyToOne(() => VolunteerProgram)
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_volunteer_shifts_program_id' })
  program?: VolunteerProgram;
  @Column({ type: 'varchar', length: 120 }) role: string;
  @Column({ type: 'timestamptz' }) startsAt: Date;
  @Column({ type: 'timestamptz' }) endsAt: Date;
  @Column({ type: 'integer' }) capacity: number;
  @Column({ type: 'varchar', length: 200, nullable: true }) place: string | null;
  /** The role needs a valid credential of this type (a licence for clinical roles). */
  @Column({ type: 'uuid', nullable: true }) requiredCredentialTypeId: string | null;
  @ManyToOne('CredentialType')
  @JoinColumn({
    name: 'required_credential_type_id',
    foreignKeyConstraintName: 'fk_volunteer_shifts_required_credential_type_id',
  })
  requiredCredentialType?: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

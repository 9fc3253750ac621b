import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ProgramAudience, ProgramStatus } from 'src/volunteering/volunteering-rules';

/** A volunteer program (a health camp, disaster relief, a blood drive) people find and join. */
@Entity('volunteer_programs')
@Check('ck_volunteer_programs_dates', 'ends_on >= starts_on')
@Check('ck_volunteer_programs_open_to', `open_to IN ('members', 'anyone')`)
@Check('ck_volunteer_programs_status', `status IN ('open', 'closed')`)
@Index('ix_volunteer_programs_status', ['status', 'startsOn'])
export class VolunteerProgram {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 120 }) cause: string;
  @Column({ type: 'uuid', nullable: true }) chapterId: string | null;
  @ManyToOne('Chapter')
  @JoinColumn({ name: 'chapter_id', foreignKeyConstraintName: 'fk_volunteer_programs_chapter_id' })
  chapter?: unknown;
  @Column({ type: 'varchar', length: 200 }) place: string;
  @Column({ type: 'date' }) startsOn: string;
  @Column({ type: 'date' }) endsOn: string;
  @Column({ type: 'varchar', length: 10 }) openTo: ProgramAudience;
  /** A valid credential of this type is needed to join (a licence for clinical work). */
  @Column({ type: 'uuid', nullable: true }) requiredCredentialTypeId: string | null;
  @ManyToOne('CredentialType')
  @JoinColumn({
    name: 'required_credential_type_id',
    foreignKeyConstraintName: 'fk_volunteer_programs_required_credential_type_id',
  })
  requiredCredentialType?: unknown;
  @Column({ type: 'varchar', length: 10, default: 'open' }) status: ProgramStatus;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

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
import type { VolunteerStatus } from 'src/volunteering/volunteering-rules';
import { VolunteerProgram } from 'src/volunteering/entities/volunteer-program.entity';

/** A person in a program: an applicant until a coordinator approves them, archived with a reason. */
@Entity('volunteers')
@Unique('uq_volunteers_program_id_person_id', ['programId', 'personId'])
@Check('ck_volunteers_status', `status IN ('applicant', 'approved', 'archived')`)
@Check(
  'ck_volunteers_decision',
  `(status = 'applicant') = (decided_at IS NULL)
          AND (status <> 'archived' OR btrim(coalesce(reason, '')) <> '')`,
)
@Index('ix_volunteers_person_id', ['personId'])
export class Volunteer {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) programId: string;
  @ManyToOne(() => VolunteerProgram)
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_volunteers_program_id' })
  program?: VolunteerProgram;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_volunteers_person_id' })
  person?: unknown;
  @Column({ type: 'varchar', length: 10, default: 'applicant' }) status: VolunteerStatus;
  @Column({ type: 'text', nullable: true }) motivation: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) appliedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) decidedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'decided_by_account_id',
    foreignKeyConstraintName: 'fk_volunteers_decided_by_account_id',
  })
  decidedBy?: unknown;
}

import { Degree } from 'src/education/entities/degree.entity';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { QualificationStatus } from 'src/education/education.types';
import { Institution } from 'src/education/entities/institution.entity';
import { QualificationReview } from 'src/education/entities/qualification-review.entity';

/** A person's diploma: `submitted -> verified | rejected`; a rejected one may be corrected and resubmitted. */
@Entity('qualifications')
@Unique('uq_qualifications_institution_diploma', ['institutionId', 'diplomaNumber'])
@Check('ck_qualifications_status', `status IN ('submitted', 'verified', 'rejected')`)
@Check('ck_qualifications_degree', `btrim(degree) <> ''`)
@Check('ck_qualifications_field', `btrim(field) <> ''`)
@Check('ck_qualifications_diploma_number', `btrim(diploma_number) <> ''`)
@Index('ix_qualifications_person_id', ['personId'])
@Index('ix_qualifications_degree_code', ['degreeCode'])
// Partial index on created_at for the review queue, created by the migration.
@Index('ix_qualifications_awaiting_review', { synchronize: false })
export class Qualification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) personId: string;
  // Named, not imported: the people module keeps its entity to itself.
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_qualifications_person_id' })
  person?: unknown;
  @Column({ type: 'uuid' }) institutionId: string;
  @ManyToOne(() => Institution)
  @JoinColumn({
    name: 'institution_id',
    foreignKeyConstraintName: 'fk_qualifications_institution_id',
  })
  institution: Institution;
  @Column({ type: 'varchar', length: 120 }) degree: string;
  /** The degree the text is, from `degrees` (kept by a trigger from the text; staff may set it). */
  @Column({ type: 'varchar', length: 40, nullable: true }) degreeCode: string | null;
  @ManyToOne(() => Degree)
  @JoinColumn({ name: 'degree_code', foreignKeyConstraintName: 'fk_qualifications_degree_code' })
  degreeOf?: Degree;
  @Column({ type: 'varchar', length: 200 }) field: string;
  @Column({ type: 'date' }) graduationDate: string;
  @Column({ type: 'varchar', length: 100 }) diplomaNumber: string;
  @Column({ type: 'varchar', length: 12, default: 'submitted' }) status: QualificationStatus;
  @OneToMany(() => QualificationReview, (review) => review.qualification)
  reviews: QualificationReview[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

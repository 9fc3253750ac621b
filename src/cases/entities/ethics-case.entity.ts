import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  PrimaryGeneratedColumn,
  ManyToOne,
  Unique,
} from 'typeorm';
import type { AppealOutcome, CaseBody, CaseStatus } from 'src/cases/case-rules';
import { CaseProcedure } from 'src/cases/entities/case-procedure.entity';
import { Complaint } from 'src/cases/entities/complaint.entity';

/** An ethics case, opened by a complaint: where it stands in the procedure, and since when. */
@Entity('ethics_cases')
@Unique('uq_ethics_cases_complaint_id_body', ['complaintId', 'body'])
@Unique('uq_ethics_cases_appeal_of_case_id', ['appealOfCaseId'])
@Index('ix_ethics_cases_respondent_person_id', ['respondentPersonId'])
@Index('ix_ethics_cases_status', ['status', 'openedAt'])
@Check(
  'ck_ethics_cases_status',
  `status IN ('received', 'screening', 'dismissed', 'investigation', 'hearing', 'decided', 'appeal', 'appeal_decided', 'final')`,
)
@Check('ck_ethics_cases_body', `body IN ('honour_council', 'appeal_council')`)
@Check('ck_ethics_cases_appeal_of', `(appeal_of_case_id IS NULL) = (body = 'honour_council')`)
@Check('ck_ethics_cases_appeal_outcome', `appeal_outcome IN ('confirmed', 'changed', 'quashed')`)
export class EthicsCase {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) complaintId: string;
  // An appeal case shares its first case's complaint.
  @ManyToOne(() => Complaint)
  @JoinColumn({ name: 'complaint_id', foreignKeyConstraintName: 'fk_ethics_cases_complaint_id' })
  complaint?: Complaint;
  /** The professional complained about; null until staff match a complaint that gave a name. */
  @Column({ type: 'uuid', nullable: true }) respondentPersonId: string | null;
  // Named, not imported: the people module keeps its entity to itself.
  @ManyToOne('Person')
  @JoinColumn({
    name: 'respondent_person_id',
    foreignKeyConstraintName: 'fk_ethics_cases_respondent_person_id',
  })
  respondent?: unknown;
  /** The respondent's profession, whose procedure and sanctions the case follows; null if not known. */
  @Column({ type: 'uuid', nullable: true }) professionId: string | null;
  @ManyToOne('Profession')
  @JoinColumn({ name: 'profession_id', foreignKeyConstraintName: 'fk_ethics_cases_profession_id' })
  profession?: unknown;
  @Column({ type: 'varchar', length: 20, default: 'honour_council' }) body: CaseBody;
  /** For an appeal: the first-instance case it was lodged against. */
  @Column({ type: 'uuid', nullable: true }) appealOfCaseId: string | null;
  @ManyToOne(() => EthicsCase)
  @JoinColumn({
    name: 'appeal_of_case_id',
    foreignKeyConstraintName: 'fk_ethics_cases_appeal_of_case_id',
  })
  appealOf?: EthicsCase;
  @Column({ type: 'varchar', length: 20 }) status: CaseStatus;
  @Column({ type: 'date' }) statusChangedOn: string;
  /** What the appeal's decision did to the first one. */
  @Column({ type: 'varchar', length: 10, nullable: true }) appealOutcome: AppealOutcome | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) openedAt: Date;
  /** The version of the procedure in force when the case opened: its clocks are this case's. */
  @Column({ type: 'uuid', nullable: true }) procedureId: string | null;
  @ManyToOne(() => CaseProcedure)
  @JoinColumn({ name: 'procedure_id', foreignKeyConstraintName: 'fk_ethics_cases_procedure_id' })
  procedure?: CaseProcedure;
}

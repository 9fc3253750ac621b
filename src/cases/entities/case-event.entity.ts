import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { CaseEventKind, CaseStatus } from 'src/cases/case-rules';
import { EthicsCase } from 'src/cases/entities/ethics-case.entity';

/** One entry of a case's timeline: opened, moved, a note, the respondent's answer, an assignment. */
@Entity('ethics_case_events')
@Index('ix_ethics_case_events_case_id', ['caseId', 'id'])
@Check(
  'ck_ethics_case_events_kind',
  `kind IN ('opened', 'moved', 'note', 'answer', 'assigned', 'unassigned', 'recused', 'notice', 'clock_paused', 'clock_resumed', 'clock_extended', 'document', 'matched')`,
)
@Check(
  'ck_ethics_case_events_text',
  `kind NOT IN ('moved', 'note', 'answer', 'notice', 'clock_paused', 'clock_resumed', 'clock_extended', 'document', 'matched') OR btrim(coalesce(text, '')) <> ''`,
)
@Check('ck_ethics_case_events_document', `(kind = 'document') = (document_id IS NOT NULL)`)
@Check(
  'ck_ethics_case_events_clock',
  `(kind IN ('clock_paused', 'clock_resumed', 'clock_extended')) = (clock IS NOT NULL) AND (kind = 'clock_extended') = (days IS NOT NULL AND days > 0)`,
)
export class CaseEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'uuid' }) caseId: string;
  @ManyToOne(() => EthicsCase)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_ethics_case_events_case_id' })
  case?: EthicsCase;
  @Column({ type: 'varchar', length: 20 }) kind: CaseEventKind;
  @Column({ type: 'varchar', length: 20, nullable: true }) fromStatus: CaseStatus | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) toStatus: CaseStatus | null;
  @Column({ type: 'text', nullable: true }) text: string | null;
  /** Kept from the respondent (an officer's working note). */
  @Column({ type: 'boolean', default: false }) confidential: boolean;
  /** The officer assigned or unassigned. */
  @Column({ type: 'uuid', nullable: true }) subjectAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'subject_account_id',
    foreignKeyConstraintName: 'fk_ethics_case_events_subject_account_id',
  })
  subject?: unknown;
  @Column({ type: 'uuid', nullable: true }) actorAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'actor_account_id',
    foreignKeyConstraintName: 'fk_ethics_case_events_actor_account_id',
  })
  actor?: unknown;
  /** The clock paused, resumed or extended, and by how many days. */
  @Column({ type: 'varchar', length: 40, nullable: true }) clock: string | null;
  @Column({ type: 'integer', nullable: true }) days: number | null;
  /** A document added to the case (an evidence file of the case's own). */
  @Column({ type: 'uuid', nullable: true }) documentId: string | null;
  @ManyToOne('EvidenceDocument')
  @JoinColumn({
    name: 'document_id',
    foreignKeyConstraintName: 'fk_ethics_case_events_document_id',
  })
  document?: unknown;
  @Column({ type: 'date' }) occurredOn: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;
}

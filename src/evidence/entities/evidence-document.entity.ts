import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { EvidenceMediaType } from 'src/evidence/media-types';

export const EVIDENCE_SUBJECTS = [
  'qualification',
  'credential',
  'ethics_case',
  'cpd_credit',
  'cpd_claim',
] as const;
export type EvidenceSubject = (typeof EVIDENCE_SUBJECTS)[number];

/**
 * A file supporting a qualification, a licence or an ethics case. The bytes live in
 * DocumentStorage; the row keeps their fingerprint. A case's documents belong to the case, not to
 * a person, and are read through the case alone.
 */
@Entity('evidence_documents')
@Check(
  'ck_evidence_documents_subject_type',
  `subject_type IN ('qualification', 'credential', 'ethics_case', 'cpd_credit', 'cpd_claim')`,
)
@Check('ck_evidence_documents_owner', `(subject_type = 'ethics_case') = (person_id IS NULL)`)
@Check(
  'ck_evidence_documents_media_type',
  `media_type IN ('application/pdf', 'image/jpeg', 'image/png')`,
)
@Check('ck_evidence_documents_size_bytes', 'size_bytes > 0')
@Check('ck_evidence_documents_sha256', `sha256 ~ '^[0-9a-f]{64}$'`)
@Index('ix_evidence_documents_subject', ['subjectType', 'subjectId'])
@Index('ix_evidence_documents_person_id', ['personId'])
@Unique('uq_evidence_documents_storage_key', ['storageKey'])
export class EvidenceDocument {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Whose evidence it is: they and staff may read it. None for a case's documents. */
  @Column({ type: 'uuid', nullable: true }) personId: string | null;
  // Named, not imported: the people module keeps its entity to itself.
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_evidence_documents_person_id' })
  person?: unknown;
  @Column({ type: 'varchar', length: 20 }) subjectType: EvidenceSubject;
  @Column({ type: 'uuid' }) subjectId: string;
  @Column({ type: 'varchar', length: 255 }) fileName: string;
  @Column({ type: 'varchar', length: 40 }) mediaType: EvidenceMediaType;
  @Column({ type: 'integer' }) sizeBytes: number;
  @Column({ type: 'char', length: 64 }) sha256: string;
  @Column({ type: 'varchar', length: 100 }) storageKey: string;
  @Column({ type: 'uuid', nullable: true }) uploadedByAccountId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) uploadedAt: Date;
}

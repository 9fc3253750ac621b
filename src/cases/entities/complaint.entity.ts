import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/**
 * A complaint as lodged: by anyone through the public route, or by staff on a complainant's
 * behalf. The complainant's contact details are confidential.
 */
@Entity('complaints')
@Unique('uq_complaints_reference', ['reference'])
@Check('ck_complaints_respondent', 'respondent_number IS NOT NULL OR respondent_name IS NOT NULL')
@Check('ck_complaints_what_happened', `btrim(what_happened) <> ''`)
@Check(
  'ck_complaints_evidence_key_sha256',
  `evidence_key_sha256 IS NULL OR evidence_key_sha256 ~ '^[0-9a-f]{64}$'`,
)
export class Complaint {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 20 }) reference: string;
  @Column({ type: 'varchar', length: 200 }) complainantName: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) complainantEmail: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) complainantPhone: string | null;
  /** Whether the complainant agreed that the respondent may see who they are. */
  @Column({ type: 'boolean', default: false }) discloseToRespondent: boolean;
  /** The member or credential number the complainant gave. */
  @Column({ type: 'varchar', length: 100, nullable: true }) respondentNumber: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) respondentName: string | null;
  @Column({ type: 'text' }) whatHappened: string;
  @Column({ type: 'date', nullable: true }) happenedOn: string | null;
  @Column({ type: 'uuid', nullable: true }) lodgedByAccountId: string | null;
  // Named, not imported: the accounts module keeps its entity to itself.
  @ManyToOne('Account')
  @JoinColumn({
    name: 'lodged_by_account_id',
    foreignKeyConstraintName: 'fk_complaints_lodged_by_account_id',
  })
  lodgedBy?: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) lodgedAt: Date;
  /** The fingerprint of the key the complainant sends evidence with (the key itself is theirs alone). */
  @Column({ type: 'char', length: 64, nullable: true }) evidenceKeySha256: string | null;
}

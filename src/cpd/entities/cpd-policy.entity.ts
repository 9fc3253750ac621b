import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { CpdPolicyRules } from 'src/cpd/cpd-rules';

/**
 * One dated version of a CPD policy: the rules a cycle beginning on or after its date is read
 * under, and whom it binds: holders of a credential type, whose validity is the cycle (SIP: its
 * five years), or members of a category or a speciality, whose cycles run back to back from the
 * day membership began.
 */
@Entity('cpd_policies')
// Within its profession, or among the policies of none (NULLS NOT DISTINCT: made by the migration).
@Unique('uq_cpd_policies_profession_code_effective_from', ['professionId', 'code', 'effectiveFrom'])
@Check('ck_cpd_policies_code', `code ~ '^[A-Z][A-Z0-9_-]{0,39}$'`)
@Check(
  'ck_cpd_policies_follows',
  'num_nonnulls(credential_type_code, membership_category_code, speciality) <= 1',
)
export class CpdPolicy {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) code: string;
  /** The profession whose types, categories and members it reads (none: every profession's). */
  @Column({ type: 'uuid', nullable: true }) professionId: string | null;
  // Named, not imported: the professions module keeps its entity to itself.
  @ManyToOne('Profession')
  @JoinColumn({ name: 'profession_id', foreignKeyConstraintName: 'fk_cpd_policies_profession_id' })
  profession?: unknown;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'date' }) effectiveFrom: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) credentialTypeCode: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) membershipCategoryCode: string | null;
  @Column({ type: 'varchar', length: 120, nullable: true }) speciality: string | null;
  @Column({ type: 'jsonb' }) rules: CpdPolicyRules;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

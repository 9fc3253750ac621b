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
  UpdateDateColumn,
  VirtualColumn,
} from 'typeorm';
import type { IssuerKind, OnMembershipEnd } from 'src/credentials/credential-rules';
import type { Requirement } from 'src/requirements/requirement-rules';
import { PROFESSIONS_READ_MODEL } from 'src/professions/professions.read-model';

/** Configuration in data: what a credential is, who issues it, how long it lasts, how it is numbered. */
@Entity('credential_types')
@Check('ck_credential_types_renewal_window_days', 'renewal_window_days BETWEEN 0 AND 3650')
// Within its profession, or among the types of none (NULLS NOT DISTINCT: made by the migration).
@Unique('uq_credential_types_profession_code', ['professionId', 'code'])
@Index('ix_credential_types_profession_id', ['professionId'])
@Check('ck_credential_types_code', `code ~ '^[A-Z][A-Z0-9_-]{0,39}$'`)
@Check('ck_credential_types_issuer_kind', `issuer_kind IN ('association', 'external')`)
@Check('ck_credential_types_validity_months', 'validity_months IS NULL OR validity_months > 0')
@Check('ck_credential_types_grace_days', 'grace_days >= 0')
@Check(
  'ck_credential_types_max_active',
  'max_active_per_person IS NULL OR max_active_per_person > 0',
)
@Check(
  'ck_credential_types_on_membership_end',
  `on_membership_end IN ('keep', 'suspend', 'revoke')`,
)
@Check(
  'ck_credential_types_on_membership_end_issuer',
  `issuer_kind = 'association' OR on_membership_end = 'keep'`,
)
@Check(
  'ck_credential_types_membership_card',
  `NOT membership_card OR (issuer_kind = 'association' AND on_membership_end = 'revoke')`,
)
@Check('ck_credential_types_number_format', `issuer_kind = 'external' OR number_format IS NOT NULL`)
export class CredentialType {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** The profession it belongs to; null for a type of no one profession. */
  @Column({ type: 'uuid', nullable: true }) professionId: string | null;
  // Named, not imported: the professions module keeps its entity to itself.
  @ManyToOne('Profession')
  @JoinColumn({
    name: 'profession_id',
    foreignKeyConstraintName: 'fk_credential_types_profession_id',
  })
  professionRecord?: unknown;
  /** The profession's name, read with the type. */
  @VirtualColumn({
    type: 'varchar',
    query: (alias) => PROFESSIONS_READ_MODEL.nameOf(`${alias}.profession_id`),
  })
  profession: string | null;
  /** `association`: Guildhall issues and numbers it; `external`: recorded and verified against its source. */
  @Column({ type: 'varchar', length: 12 }) issuerKind: IssuerKind;
  @Column({ type: 'varchar', length: 200 }) issuingAuthority: string;
  /** Null: valid for life. */
  @Column({ type: 'integer', nullable: true }) validityMonths: number | null;
  @Column({ type: 'integer', default: 0 }) graceDays: number;
  /** A renewal may be asked for from this many days before the validity ends. */
  @Column({ type: 'integer', default: 90 }) renewalWindowDays: number;
  /** A renewal whose requirements are all met is approved without staff. */
  @Column({ type: 'boolean', default: false }) autoRenew: boolean;
  /** E.g. `SK-{YYYY}-{SEQ:6}`; required when issued here. */
  @Column({ type: 'varchar', length: 100, nullable: true }) numberFormat: string | null;
  @Column({ type: 'integer', nullable: true }) maxActivePerPerson: number | null;
  /** Issued per place of practice: each names its place, one in force per place and person. */
  @Column({ type: 'boolean', default: false }) perPlace: boolean;
  /** What a membership revoked, or the holder's death, does to credentials of this type. */
  @Column({ type: 'varchar', length: 10, default: 'keep' }) onMembershipEnd: OnMembershipEnd;
  /** False: the association's to know, not a verifier's; public answers treat it as unknown. */
  @Column({ type: 'boolean', default: true }) publiclyVerifiable: boolean;
  /** What a person needs before one is issued here (null: nothing beyond the request). */
  @Column({ type: 'jsonb', nullable: true }) issueRequirements: Requirement | null;
  /** The membership card: numbered with the member number, issued on admission, ended with it. */
  @Column({ type: 'boolean', default: false }) membershipCard: boolean;
  /** Switched off: nothing new is issued or granted under it; what was stays as it was. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

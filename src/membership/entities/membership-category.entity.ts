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
} from 'typeorm';
import type { Requirement } from 'src/requirements/requirement-rules';

/** Configuration in data: who may join a category, what it costs, how long a period lasts. */
@Entity('membership_categories')
@Check('ck_membership_categories_renewal_window_days', 'renewal_window_days BETWEEN 0 AND 3650')
@Check('ck_membership_categories_renewal_notice_days', 'renewal_notice_days BETWEEN 1 AND 3650')
// Within its profession, or among the categories of none (NULLS NOT DISTINCT: made by the migration).
@Unique('uq_membership_categories_profession_code', ['professionId', 'code'])
@Index('ix_membership_categories_profession_id', ['professionId'])
@Index('ix_membership_categories_card_credential_type_id', ['cardCredentialTypeId'])
@Check('ck_membership_categories_code', `code ~ '^[A-Z][A-Z0-9_-]{0,39}$'`)
@Check('ck_membership_categories_dues', 'dues_minor >= 0')
@Check(
  'ck_membership_categories_application_fee',
  'application_fee_minor IS NULL OR application_fee_minor > 0',
)
@Check('ck_membership_categories_currency', `currency ~ '^[A-Z]{3}$'`)
@Check('ck_membership_categories_period_months', 'period_months BETWEEN 1 AND 120')
@Check('ck_membership_categories_grace_days', 'grace_days >= 0')
export class MembershipCategory {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  /**
   * What admission needs, as a requirement in data (null: nothing): a verified qualification,
   * credentials, the ethics pledge, the application fee paid, an age, declarations, acts.
   */
  @Column({ type: 'jsonb', nullable: true }) requirements: Requirement | null;
  /** The membership card issued on admission (a credential type that is a card), if any. */
  @Column({ type: 'uuid', nullable: true }) cardCredentialTypeId: string | null;
  // Named, not imported: the credentials module keeps its entity to itself.
  @ManyToOne('CredentialType')
  @JoinColumn({
    name: 'card_credential_type_id',
    foreignKeyConstraintName: 'fk_membership_categories_card_credential_type_id',
  })
  cardCredentialType?: unknown;
  /** The profession its members practise; null for a category of no one profession. */
  @Column({ type: 'uuid', nullable: true }) professionId: string | null;
  @ManyToOne('Profession')
  @JoinColumn({
    name: 'profession_id',
    foreignKeyConstraintName: 'fk_membership_categories_profession_id',
  })
  profession?: unknown;
  /** Switched off: nothing new is issued or granted under it; what was stays as it was. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** False for categories the association confers (honorary): staff apply on the person's behalf. */
  @Column({ type: 'boolean', default: true }) acceptsApplications: boolean;
  /** Dues per period, in minor units of `currency`. */
  @Column({ type: 'bigint' }) duesMinor: string;
  /** Null: no application fee. */
  @Column({ type: 'bigint', nullable: true }) applicationFeeMinor: string | null;
  @Column({ type: 'char', length: 3 }) currency: string;
  @Column({ type: 'integer' }) periodMonths: number;
  @Column({ type: 'integer', default: 0 }) graceDays: number;
  /** A renewal may be asked for from this many days before the cover ends. */
  @Column({ type: 'integer', default: 90 }) renewalWindowDays: number;
  /** The next period is invoiced this many days before the cover ends. */
  @Column({ type: 'integer', default: 60 }) renewalNoticeDays: number;
  /** A renewal whose requirements are all met is approved without staff. */
  @Column({ type: 'boolean', default: false }) autoRenew: boolean;
  /** E.g. `{CHAPTER}-{YYYY}-{SEQ:6}`; also {CATEGORY}. */
  @Column({ type: 'varchar', length: 100 }) memberNumberFormat: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { Language } from 'src/common/languages';
import type { ReminderItemKind, ReminderTrigger } from 'src/reminders/reminder-rules';

/** A step's message in one language. */
export interface ReminderText {
  subject: string;
  body: string;
}

/**
 * One step of the reminder schedule, as data: for a credential issued here or a membership, so
 * many days before it ends, on entering grace, or after it lapsed; for a CPD cycle short of its
 * credits, so many days before it ends; with its message in its own language and any others. A
 * step may hold for one profession, one credential type or one membership category only.
 */
@Entity('reminder_steps')
// Within its profession, or among the steps of none (NULLS NOT DISTINCT: made by the migration).
@Unique('uq_reminder_steps_profession_code', ['professionId', 'code'])
@Check('ck_reminder_steps_code', `code ~ '^[A-Z][A-Z0-9_]{0,39}$'`)
@Check('ck_reminder_steps_item_kind', `item_kind IN ('credential', 'membership', 'cpd')`)
@Check('ck_reminder_steps_cpd', `item_kind <> 'cpd' OR trigger = 'before_end'`)
@Check('ck_reminder_steps_trigger', `trigger IN ('before_end', 'grace', 'lapsed')`)
@Check('ck_reminder_steps_days', 'days BETWEEN 0 AND 3650')
@Check('ck_reminder_steps_grace', `trigger <> 'grace' OR item_kind = 'membership'`)
@Check('ck_reminder_steps_lapsed', `trigger <> 'lapsed' OR item_kind = 'membership'`)
@Check(
  'ck_reminder_steps_credential_type',
  `credential_type_id IS NULL OR item_kind = 'credential'`,
)
@Check('ck_reminder_steps_category', `category_id IS NULL OR item_kind = 'membership'`)
@Check('ck_reminder_steps_language', `language IN ('id', 'en')`)
@Check('ck_reminder_steps_texts', `jsonb_typeof(texts) = 'object'`)
export class ReminderStep {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_reminder_steps' }) id: string;
  @Column({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 12 }) itemKind: ReminderItemKind;
  @Column({ type: 'varchar', length: 12 }) trigger: ReminderTrigger;
  /** Before the end: days before it; in grace or lapsed: days after it began. */
  @Column({ type: 'integer' }) days: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Holds only for items of this profession (null: of any). */
  @Column({ type: 'uuid', nullable: true }) professionId: string | null;
  // Named, not imported: each module keeps its entities to itself.
  @ManyToOne('Profession')
  @JoinColumn({
    name: 'profession_id',
    foreignKeyConstraintName: 'fk_reminder_steps_profession_id',
  })
  profession?: unknown;
  /** Holds only for credentials of this type (null: of any). */
  @Column({ type: 'uuid', nullable: true }) credentialTypeId: string | null;
  @ManyToOne('CredentialType')
  @JoinColumn({
    name: 'credential_type_id',
    foreignKeyConstraintName: 'fk_reminder_steps_credential_type_id',
  })
  credentialType?: unknown;
  /** Holds only for memberships of this category (null: of any). */
  @Column({ type: 'uuid', nullable: true }) categoryId: string | null;
  @ManyToOne('MembershipCategory')
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_reminder_steps_category_id' })
  category?: unknown;
  /** The language of `subject` and `body`. */
  @Column({ type: 'varchar', length: 8, default: 'en' }) language: Language;
  /** With {name}, {item}, {endsOn}, {days} and {association} filled in. */
  @Column({ type: 'varchar', length: 300 }) subject: string;
  @Column({ type: 'text' }) body: string;
  /** The message in other languages, by language: a person who reads one of them gets it. */
  @Column({ type: 'jsonb', default: () => "'{}'" }) texts: Partial<Record<Language, ReminderText>>;
}

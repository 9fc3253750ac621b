import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const DECLARATION_OUTCOMES = ['confirmed', 'refuted'] as const;
export type DeclarationOutcome = (typeof DECLARATION_OUTCOMES)[number];

/**
 * A fact a person declares about themselves (`NOT_CIVIL_SERVANT`), with its evidence, and the
 * check staff made of it: who, when, how, and whether it held. Never edited: a new declaration
 * replaces a refuted one.
 */
@Entity('person_declarations')
@Index('ix_person_declarations_person_id', ['personId', 'code'])
@Check('ck_person_declarations_code', `code ~ '^[A-Z][A-Z0-9_-]{0,39}$'`)
@Check('ck_person_declarations_text', `btrim(statement) <> '' AND btrim(evidence) <> ''`)
@Check('ck_person_declarations_outcome', `outcome IS NULL OR outcome IN ('confirmed', 'refuted')`)
@Check(
  'ck_person_declarations_checked',
  `(outcome IS NULL) = (checked_on IS NULL)
                 AND (outcome IS NULL) = (checked_by_account_id IS NULL)
                 AND (outcome IS NULL OR btrim(coalesce(check_method, '')) <> '')`,
)
export class PersonDeclaration {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_person_declarations_person_id' })
  person?: unknown;
  @Column({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'text' }) statement: string;
  /** What bears it out: a signed statement, an official letter, a register consulted. */
  @Column({ type: 'text' }) evidence: string;
  @Column({ type: 'date' }) declaredOn: string;
  @Column({ type: 'uuid' }) recordedByAccountId: string;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'recorded_by_account_id',
    foreignKeyConstraintName: 'fk_person_declarations_recorded_by_account_id',
  })
  recordedBy?: unknown;
  @Column({ type: 'varchar', length: 16, nullable: true }) outcome: DeclarationOutcome | null;
  @Column({ type: 'date', nullable: true }) checkedOn: string | null;
  @Column({ type: 'uuid', nullable: true }) checkedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'checked_by_account_id',
    foreignKeyConstraintName: 'fk_person_declarations_checked_by_account_id',
  })
  checkedBy?: unknown;
  @Column({ type: 'text', nullable: true }) checkMethod: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { StandingResponse } from 'src/standing/dto/standing.dto';

/** A recommendation letter, with the standing it was issued on. */
@Entity('recommendation_letters')
@Unique('uq_recommendation_letters_number', ['number'])
@Check('ck_recommendation_letters_purpose', `btrim(purpose) <> ''`)
@Check('ck_recommendation_letters_validity', 'valid_until >= issued_on')
@Index('ix_recommendation_letters_person_id', ['personId', 'issuedAt'])
export class RecommendationLetter {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) number: string;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({
    name: 'person_id',
    foreignKeyConstraintName: 'fk_recommendation_letters_person_id',
  })
  person?: unknown;
  /** What it is for, e.g. a practice permit at a named hospital. */
  @Column({ type: 'text' }) purpose: string;
  @Column({ type: 'date' }) issuedOn: string;
  @Column({ type: 'date' }) validUntil: string;
  @Column({ type: 'jsonb' }) eligibility: StandingResponse;
  @Column({ type: 'uuid', nullable: true }) issuedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'issued_by_account_id',
    foreignKeyConstraintName: 'fk_recommendation_letters_issued_by_account_id',
  })
  issuedBy?: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) issuedAt: Date;
}

/** The last letter number given per year. */
@Entity('letter_sequences')
@Check('ck_letter_sequences_last_value', 'last_value > 0')
export class LetterSequence {
  @PrimaryColumn({ type: 'varchar', length: 4, primaryKeyConstraintName: 'pk_letter_sequences' })
  year: string;
  @Column({ type: 'integer' }) lastValue: number;
}

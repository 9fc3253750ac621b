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

/**
 * An act of the association about a person (an advocate's appointment before the oath), with
 * the decree it was made by. A requirement may ask for it; it is recorded by staff, never edited.
 */
@Entity('association_acts')
@Unique('uq_association_acts_person_code_reference', ['personId', 'code', 'reference'])
@Check('ck_association_acts_code', `code ~ '^[A-Z][A-Z0-9_-]{0,39}$'`)
@Check('ck_association_acts_text', `btrim(reference) <> '' AND btrim(text) <> ''`)
export class AssociationAct {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_association_acts_person_id' })
  person?: unknown;
  @Column({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'date' }) decidedOn: string;
  /** The decree or minute that records it: "SK DPN PERADI No. 123/2026". */
  @Column({ type: 'varchar', length: 200 }) reference: string;
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'uuid' }) recordedByAccountId: string;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'recorded_by_account_id',
    foreignKeyConstraintName: 'fk_association_acts_recorded_by_account_id',
  })
  recordedBy?: unknown;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many times a person's credits have changed: bumped in the transaction that records or
 * removes one, so a standing remembered at an older revision is known to be out of date.
 */
@Entity('cpd_credit_revisions')
export class CpdCreditRevision {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_cpd_credit_revisions' })
  personId: string;
  @Column({ type: 'bigint' }) revision: string;
}

/**
 * Where a holder (by credential or member number) stood on a policy: it holds for reports on the
 * days from `computedOn` through `validThrough`, while the person's credit revision and the
 * policy's revision (its versions, and the arithmetic that read them) are those it was worked
 * out under, and the holder's cycle is the one it was worked out for. Derived data: the compliance report writes it, and works it out again when it no
 * longer holds.
 */
@Entity('cpd_remembered_standings')
@Check('ck_cpd_remembered_standings_behind', 'met = (csv_figures IS NULL)')
export class CpdRememberedStanding {
  @PrimaryColumn({
    type: 'varchar',
    length: 40,
    primaryKeyConstraintName: 'pk_cpd_remembered_standings',
  })
  policyCode: string;
  @PrimaryColumn({
    type: 'varchar',
    length: 100,
    primaryKeyConstraintName: 'pk_cpd_remembered_standings',
  })
  holderNumber: string;
  @Column({ type: 'uuid' }) personId: string;
  /** The holder's cycle as the report read it: the credential's period, or the day membership began. */
  @Column({ type: 'text' }) holderCycle: string;
  @Column({ type: 'varchar', length: 64 }) policyRevision: string;
  @Column({ type: 'bigint' }) creditRevision: string;
  @Column({ type: 'date' }) computedOn: string;
  @Column({ type: 'date' }) validThrough: string;
  @Column({ type: 'boolean' }) met: boolean;
  /**
   * The report's CSV columns from policyVersion to shortfalls, ready to follow a holder's; none
   * for a holder who met the policy. (A page of the report as JSON works its few rows out again.)
   */
  @Column({ type: 'text', nullable: true }) csvFigures: string | null;
}

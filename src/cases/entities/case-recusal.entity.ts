import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EthicsCase } from 'src/cases/entities/ethics-case.entity';

/** An officer's declared conflict of interest in a case: from then on, the case is not theirs. */
@Entity('ethics_case_recusals')
@Check('ck_ethics_case_recusals_reason', `btrim(reason) <> ''`)
export class CaseRecusal {
  @PrimaryColumn({ type: 'uuid' }) caseId: string;
  @ManyToOne(() => EthicsCase)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_ethics_case_recusals_case_id' })
  case?: EthicsCase;
  @PrimaryColumn({ type: 'uuid' }) accountId: string;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'account_id',
    foreignKeyConstraintName: 'fk_ethics_case_recusals_account_id',
  })
  account?: unknown;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) declaredAt: Date;
}

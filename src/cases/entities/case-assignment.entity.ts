import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AssignmentRole } from 'src/cases/case-rules';
import { EthicsCase } from 'src/cases/entities/ethics-case.entity';

/** An ethics officer on a case: the officer who runs it, or a member of the hearing panel. */
@Entity('ethics_case_assignments')
@Index('ix_ethics_case_assignments_account_id', ['accountId'])
@Check('ck_ethics_case_assignments_role', `role IN ('officer', 'panel')`)
export class CaseAssignment {
  @PrimaryColumn({ type: 'uuid' }) caseId: string;
  @ManyToOne(() => EthicsCase)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_ethics_case_assignments_case_id' })
  case?: EthicsCase;
  @PrimaryColumn({ type: 'uuid' }) accountId: string;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'account_id',
    foreignKeyConstraintName: 'fk_ethics_case_assignments_account_id',
  })
  account?: unknown;
  @Column({ type: 'varchar', length: 10 }) role: AssignmentRole;
  @Column({ type: 'timestamptz', default: () => 'now()' }) assignedAt: Date;
}

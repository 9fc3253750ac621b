import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EthicsCase } from 'src/cases/entities/ethics-case.entity';

/** Who on the staff read a case, and when: every read is kept. */
@Entity('ethics_case_reads')
@Index('ix_ethics_case_reads_case_id', ['caseId', 'readAt'])
export class CaseRead {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' }) id: string;
  @Column({ type: 'uuid' }) caseId: string;
  @ManyToOne(() => EthicsCase)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_ethics_case_reads_case_id' })
  case?: EthicsCase;
  @Column({ type: 'uuid' }) accountId: string;
  @ManyToOne('Account')
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_ethics_case_reads_account_id' })
  account?: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) readAt: Date;
}

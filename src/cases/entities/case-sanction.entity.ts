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
import { EthicsCase } from 'src/cases/entities/ethics-case.entity';
import { SanctionType } from 'src/cases/entities/sanction-type.entity';
import type { SanctionRuling, SanctionStage } from 'src/cases/case-rules';

/** A sanction a decision imposes; it takes effect, with its dates, when the case is final. */
@Entity('case_sanctions')
@Index('ix_case_sanctions_case_id', ['caseId'])
@Check('ck_case_sanctions_months', 'months IS NULL OR months >= 1')
@Check('ck_case_sanctions_credits', 'credits IS NULL OR credits >= 1')
@Check('ck_case_sanctions_period', 'ends_on IS NULL OR ends_on >= starts_on')
@Check('ck_case_sanctions_stage', `stage IN ('decision', 'appeal')`)
@Check('ck_case_sanctions_superseded', 'superseded_on IS NULL OR took_effect_on IS NULL')
@Check(
  'ck_case_sanctions_ruling',
  `(ruling IS NULL OR ruling IN ('upheld', 'rejected')) AND (ruling IS NULL) = (ruled_on IS NULL) AND (ruling IS NULL) = (ruling_reference IS NULL)`,
)
export class CaseSanction {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) caseId: string;
  @ManyToOne(() => EthicsCase)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_sanctions_case_id' })
  case?: EthicsCase;
  @Column({ type: 'uuid' }) sanctionTypeId: string;
  @ManyToOne(() => SanctionType)
  @JoinColumn({
    name: 'sanction_type_id',
    foreignKeyConstraintName: 'fk_case_sanctions_sanction_type_id',
  })
  sanctionType?: SanctionType;
  @Column({ type: 'integer', nullable: true }) months: number | null;
  /** Remedial training: the CPD credits to earn, and by when. */
  @Column({ type: 'integer', nullable: true }) credits: number | null;
  @Column({ type: 'date', nullable: true }) dueOn: string | null;
  @Column({ type: 'date' }) decidedOn: string;
  @Column({ type: 'date', nullable: true }) startsOn: string | null;
  @Column({ type: 'date', nullable: true }) endsOn: string | null;
  @Column({ type: 'date', nullable: true }) tookEffectOn: string | null;
  /** Whether the first decision or the appeal imposed it. */
  @Column({ type: 'varchar', length: 10, default: 'decision' }) stage: SanctionStage;
  /** Set aside by the appeal's decision (changed or quashed): it never takes effect. */
  @Column({ type: 'date', nullable: true }) supersededOn: string | null;
  /** Of a type another body decides: its ruling, the day and the reference of its decision. */
  @Column({ type: 'varchar', length: 10, nullable: true }) ruling: SanctionRuling | null;
  @Column({ type: 'date', nullable: true }) ruledOn: string | null;
  @Column({ type: 'varchar', length: 300, nullable: true }) rulingReference: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

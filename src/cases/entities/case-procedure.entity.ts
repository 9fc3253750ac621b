import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ClockRule } from 'src/cases/case-clocks';

/** A dated version of the procedure's deadlines; a case keeps the one in force when it opened. */
@Entity('case_procedures')
@Unique('uq_case_procedures_version', ['version'])
@Unique('uq_case_procedures_effective_from', ['effectiveFrom'])
export class CaseProcedure {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) version: string;
  @Column({ type: 'date' }) effectiveFrom: string;
  @Column({ type: 'jsonb' }) clocks: ClockRule[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { ClockRule } from 'src/cases/case-clocks';

/** A dated version of the procedure's deadlines; a case keeps the one in force when it opened. */
@Entity('case_procedures')
@Unique('uq_case_procedures_profession_version', ['professionId', 'version'])
@Unique('uq_case_procedures_profession_effective_from', ['professionId', 'effectiveFrom'])
export class CaseProcedure {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) version: string;
  /** The profession whose procedure it is; none: of every profession without its own. */
  @Column({ type: 'uuid', nullable: true }) professionId: string | null;
  // Named, not imported: the professions module keeps its entity to itself.
  @ManyToOne('Profession')
  @JoinColumn({
    name: 'profession_id',
    foreignKeyConstraintName: 'fk_case_procedures_profession_id',
  })
  profession?: unknown;
  @Column({ type: 'date' }) effectiveFrom: string;
  @Column({ type: 'jsonb' }) clocks: ClockRule[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

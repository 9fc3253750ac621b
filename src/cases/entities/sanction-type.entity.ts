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
import type { SanctionEffect } from 'src/cases/case-rules';

/** A sanction the procedure knows, and what it does when final. */
@Entity('sanction_types')
@Unique('uq_sanction_types_profession_code', ['professionId', 'code'])
@Check('ck_sanction_types_code', `code ~ '^[A-Z][A-Z0-9_-]{0,39}$'`)
@Check(
  'ck_sanction_types_effect',
  `effect IN ('reprimand', 'remedial', 'suspension', 'revocation')`,
)
@Check(
  'ck_sanction_types_months',
  `(effect = 'suspension') = (min_months IS NOT NULL AND max_months IS NOT NULL) AND (min_months IS NULL OR (min_months >= 1 AND max_months >= min_months AND max_months <= 120))`,
)
@Check('ck_sanction_types_decided_by', `decided_by IS NULL OR btrim(decided_by) <> ''`)
export class SanctionType {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) code: string;
  /** The profession whose sanction it is; none: of every profession without its own. */
  @Column({ type: 'uuid', nullable: true }) professionId: string | null;
  // Named, not imported: the professions module keeps its entity to itself.
  @ManyToOne('Profession')
  @JoinColumn({
    name: 'profession_id',
    foreignKeyConstraintName: 'fk_sanction_types_profession_id',
  })
  profession?: unknown;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'varchar', length: 12 }) effect: SanctionEffect;
  @Column({ type: 'integer', nullable: true }) minMonths: number | null;
  @Column({ type: 'integer', nullable: true }) maxMonths: number | null;
  /** Shown in the public answer with its dates (suspension, revocation); reprimands stay private. */
  @Column({ type: 'boolean', default: false }) public: boolean;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /**
   * The body that decides it, where the panel only proposes it (the Muktamar, for the doctors'
   * permanent removal): a decision imposing it takes effect once that body upholds it.
   */
  @Column({ type: 'varchar', length: 200, nullable: true }) decidedBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

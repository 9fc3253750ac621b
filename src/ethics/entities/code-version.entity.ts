import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CodeArticle } from 'src/ethics/entities/code-article.entity';

/**
 * One version of a profession's code of ethics; the version in force is the latest whose date has
 * come and that was not withdrawn.
 */
@Entity('ethics_code_versions')
@Unique('uq_ethics_code_versions_profession_version', ['professionId', 'version'])
@Unique('uq_ethics_code_versions_profession_effective_from', ['professionId', 'effectiveFrom'])
@Check(
  'ck_ethics_code_versions_withdrawn',
  `(withdrawn_at IS NULL) = (withdrawn_reason IS NULL) AND (withdrawn_reason IS NULL OR btrim(withdrawn_reason) <> '')`,
)
@Check('ck_ethics_code_versions_version', `btrim(version) <> ''`)
@Check('ck_ethics_code_versions_title', `btrim(title) <> ''`)
export class CodeVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Named, not imported: the professions module keeps its entity to itself. */
  @Column({ type: 'uuid' }) professionId: string;
  @ManyToOne('Profession')
  @JoinColumn({
    name: 'profession_id',
    foreignKeyConstraintName: 'fk_ethics_code_versions_profession_id',
  })
  profession?: unknown;
  @Column({ type: 'varchar', length: 40 }) version: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'date' }) effectiveFrom: string;
  @OneToMany(() => CodeArticle, (article) => article.codeVersion) articles: CodeArticle[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  /** Withdrawn: never in force again; kept, with its pledges, as what was published. */
  @Column({ type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @Column({ type: 'text', nullable: true }) withdrawnReason: string | null;
}

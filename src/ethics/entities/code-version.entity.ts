import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CodeArticle } from 'src/ethics/entities/code-article.entity';

/** One version of the code of ethics; the version in force is the latest whose date has come. */
@Entity('ethics_code_versions')
@Unique('uq_ethics_code_versions_version', ['version'])
@Unique('uq_ethics_code_versions_effective_from', ['effectiveFrom'])
@Check('ck_ethics_code_versions_version', `btrim(version) <> ''`)
@Check('ck_ethics_code_versions_title', `btrim(title) <> ''`)
export class CodeVersion {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) version: string;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'date' }) effectiveFrom: string;
  @OneToMany(() => CodeArticle, (article) => article.codeVersion) articles: CodeArticle[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

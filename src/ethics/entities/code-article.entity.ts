import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CodeVersion } from 'src/ethics/entities/code-version.entity';

/** A numbered article of a code version, kept in the order the code reads. */
@Entity('ethics_code_articles')
@Unique('uq_ethics_code_articles_number', ['codeVersionId', 'number'])
@Unique('uq_ethics_code_articles_position', ['codeVersionId', 'position'])
@Check('ck_ethics_code_articles_position', 'position > 0')
@Check('ck_ethics_code_articles_number', `btrim(number) <> ''`)
@Check('ck_ethics_code_articles_text', `btrim(text) <> ''`)
export class CodeArticle {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) codeVersionId: string;
  @ManyToOne(() => CodeVersion, (version) => version.articles)
  @JoinColumn({
    name: 'code_version_id',
    foreignKeyConstraintName: 'fk_ethics_code_articles_code_version_id',
  })
  codeVersion?: CodeVersion;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'varchar', length: 20 }) number: string;
  @Column({ type: 'varchar', length: 300, nullable: true }) title: string | null;
  @Column({ type: 'text' }) text: string;
}

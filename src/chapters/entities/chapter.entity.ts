import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('chapters')
@Check('ck_chapters_code', `code ~ '^[A-Z0-9][A-Z0-9-]{0,19}$'`)
@Check('ck_chapters_name', `btrim(name) <> ''`)
@Check('ck_chapters_not_own_parent', 'parent_id IS NULL OR parent_id <> id')
@Index('ix_chapters_parent_id', ['parentId'])
export class Chapter {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 20, unique: true }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'uuid', nullable: true }) parentId: string | null;
  @ManyToOne(() => Chapter)
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_chapters_parent_id' })
  parent?: Chapter;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Language } from 'src/common/languages';

/** A person as the association knows them; every later record (membership, credential, case) hangs on it. */
@Entity('persons')
@Check('ck_persons_full_name', `btrim(full_name) <> ''`)
@Check('ck_persons_language', `language IN ('id', 'en')`)
// A trigram (GIN) index on folded_name: made by the migration, which TypeORM cannot describe.
@Index('ix_persons_folded_name', { synchronize: false })
export class Person {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** As given: one name is a whole name; never split into given/family. */
  @Column({ type: 'varchar', length: 300 }) fullName: string;
  /** The name as searches match it (lower case, accents off), kept from fullName by a trigger. */
  @Column({ type: 'text', select: false, insert: false, update: false }) foldedName: string;
  @Column({ type: 'varchar', length: 254, nullable: true }) email: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) phone: string | null;
  @Column({ type: 'date', nullable: true }) birthDate: string | null;
  /** The language the person reads what is sent to them in (null: the association's). */
  @Column({ type: 'varchar', length: 8, nullable: true }) language: Language | null;
  /** Shown only to staff and to the person. */
  @Column({ type: 'varchar', length: 32, nullable: true, unique: true }) nationalId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

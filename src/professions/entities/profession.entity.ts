import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { Speciality } from 'src/professions/entities/speciality.entity';

/** A profession the association admits (Dokter, Advokat); types, categories and codes point to it. */
@Entity('professions')
@Unique('uq_professions_code', ['code'])
@Check('ck_professions_code', `code ~ '^[A-Z][A-Z0-9_-]{0,39}$'`)
@Check('ck_professions_name', `btrim(name) <> ''`)
// On lower(btrim(name)): "advokat " and "Advokat" are one profession (see the migration).
@Index('uq_professions_name', { synchronize: false })
export class Profession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** Switched off: nothing new may point to it; what points to it already stays. */
  @Column({ type: 'boolean', default: true }) active: boolean;
  @OneToMany('Speciality', (speciality: Speciality) => speciality.profession)
  specialities?: Speciality[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { Profession } from 'src/professions/entities/profession.entity';

/** A speciality within a profession (Spesialis Penyakit Dalam within Dokter). */
@Entity('specialities')
@Unique('uq_specialities_profession_code', ['professionId', 'code'])
@Check('ck_specialities_code', `code ~ '^[A-Z][A-Z0-9_-]{0,39}$'`)
@Check('ck_specialities_name', `btrim(name) <> ''`)
@Index('uq_specialities_profession_name', { synchronize: false })
export class Speciality {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) professionId: string;
  @ManyToOne('Profession', (profession: Profession) => profession.specialities)
  @JoinColumn({ name: 'profession_id', foreignKeyConstraintName: 'fk_specialities_profession_id' })
  profession?: Profession;
  @Column({ type: 'varchar', length: 40 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { DegreeLevel } from 'src/education/education.types';

/** A degree as data: a stable code, its name, and the ways diplomas write it. */
@Entity('degrees')
@Check('ck_degrees_code', `code ~ '^[A-Z][A-Z0-9_]{0,39}$'`)
@Check('ck_degrees_name', `btrim(name) <> ''`)
@Check(
  'ck_degrees_level',
  `level IN ('diploma', 'bachelor', 'professional', 'master', 'specialist', 'doctorate')`,
)
export class Degree {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'pk_degrees' })
  code: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
  /** Other spellings that mean this degree ("Dokter (dr.)", "dr."), matched case- and accent-blind. */
  @Column({ type: 'text', array: true, default: () => `'{}'` }) aliases: string[];
  /** Its level, where a requirement may ask for any degree of it; null: not classed. */
  @Column({ type: 'varchar', length: 20, nullable: true }) level: DegreeLevel | null;
}

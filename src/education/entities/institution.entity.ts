import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { AccreditationStatus } from 'src/education/education.types';

/** A school or university that grants qualifications. Unique by folded name and country (uq_institutions_name_country). */
@Entity('institutions')
// Unique on (fold_text(name), country): an expression index the migration creates.
@Index('uq_institutions_name_country', { synchronize: false })
@Check('ck_institutions_name', `btrim(name) <> ''`)
@Check('ck_institutions_country', `country ~ '^[A-Z]{2}$'`)
@Check(
  'ck_institutions_accreditation_status',
  `accreditation_status IN ('accredited', 'provisional', 'not_accredited', 'unknown')`,
)
export class Institution {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 300 }) name: string;
  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 }) country: string;
  @Column({ type: 'varchar', length: 20, default: 'unknown' })
  accreditationStatus: AccreditationStatus;
  @Column({ type: 'varchar', length: 200, nullable: true }) accreditationReference: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CpdProvider } from 'src/cpd/entities/cpd-provider.entity';
import { CREDITS } from 'src/cpd/entities/credits-column';

/** An accredited activity: its domain, category and credits, its dates, place or online, capacity. */
@Entity('cpd_activities')
@Index('ix_cpd_activities_provider_id', ['providerId'])
@Check('ck_cpd_activities_credits', 'credits > 0')
@Check('ck_cpd_activities_dates', 'ends_on >= starts_on')
@Check('ck_cpd_activities_capacity', 'capacity IS NULL OR capacity > 0')
@Check('ck_cpd_activities_place', 'online OR place IS NOT NULL')
export class CpdActivity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) providerId: string;
  @ManyToOne(() => CpdProvider)
  @JoinColumn({ name: 'provider_id', foreignKeyConstraintName: 'fk_cpd_activities_provider_id' })
  provider?: CpdProvider;
  @Column({ type: 'varchar', length: 300 }) title: string;
  @Column({ type: 'varchar', length: 40 }) domain: string;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'numeric', precision: 7, scale: 2, transformer: CREDITS }) credits: number;
  @Column({ type: 'date' }) startsOn: string;
  @Column({ type: 'date' }) endsOn: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) place: string | null;
  @Column({ type: 'boolean', default: false }) online: boolean;
  @Column({ type: 'integer', nullable: true }) capacity: number | null;
  /** Whether attendees may be awarded part of the credits (they left early). */
  @Column({ type: 'boolean', default: false }) partialCredit: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

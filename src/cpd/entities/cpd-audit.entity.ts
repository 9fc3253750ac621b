import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CREDITS } from 'src/cpd/entities/credits-column';

export const CPD_AUDIT_OUTCOMES = ['pending', 'passed', 'failed'] as const;
export type CpdAuditOutcome = (typeof CPD_AUDIT_OUTCOMES)[number];

/** A random audit of an obligation's holders, drawn from a stored seed. */
@Entity('cpd_audits')
@Check('ck_cpd_audits_share_percent', 'share_percent > 0 AND share_percent <= 100')
@Check('ck_cpd_audits_population', 'population >= 0')
export class CpdAudit {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 40 }) policyCode: string;
  @Column({ type: 'date' }) asOf: string;
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: CREDITS }) sharePercent: number;
  @Column({ type: 'varchar', length: 64 }) seed: string;
  @Column({ type: 'integer' }) population: number;
  @Column({ type: 'uuid' }) drawnByAccountId: string;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'drawn_by_account_id',
    foreignKeyConstraintName: 'fk_cpd_audits_drawn_by_account_id',
  })
  drawnBy?: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) drawnAt: Date;
}

/** A person the draw picked, and the audit's outcome for them. */
@Entity('cpd_audit_members')
@Check('ck_cpd_audit_members_outcome', `outcome IN ('pending', 'passed', 'failed')`)
@Check(
  'ck_cpd_audit_members_reason',
  `outcome = 'pending' OR btrim(coalesce(outcome_reason, '')) <> ''`,
)
export class CpdAuditMember {
  @PrimaryColumn({
    type: 'uuid',
    primaryKeyConstraintName: 'pk_cpd_audit_members',
  })
  auditId: string;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_cpd_audit_members' })
  personId: string;
  @ManyToOne(() => CpdAudit)
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'fk_cpd_audit_members_audit_id' })
  audit?: CpdAudit;
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_cpd_audit_members_person_id' })
  person?: unknown;
  @Column({ type: 'varchar', length: 10, default: 'pending' }) outcome: CpdAuditOutcome;
  @Column({ type: 'text', nullable: true }) outcomeReason: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
}

import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { ImportCounts, ImportRowError, ImportStatus } from 'src/membership/import/import-rows';

/** One run of a register import: its file, progress, what it created, and the errors of its rows. */
@Entity('membership_imports')
@Check(
  'ck_membership_imports_status',
  `status IN ('running', 'validated', 'committed', 'rejected', 'failed')`,
)
@Check('ck_membership_imports_rows', 'processed_rows >= 0 AND total_rows >= 0')
@Check('ck_membership_imports_failure_reason', `status <> 'failed' OR failure_reason IS NOT NULL`)
@Index('ix_membership_imports_started_at', ['startedAt'])
export class MembershipImport {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) fileName: string | null;
  @Column({ type: 'char', length: 64, nullable: true }) fileSha256: string | null;
  @Column({ type: 'boolean' }) dryRun: boolean;
  @Column({ type: 'varchar', length: 12, default: 'running' }) status: ImportStatus;
  @Column({ type: 'integer', default: 0 }) totalRows: number;
  @Column({ type: 'integer', default: 0 }) processedRows: number;
  @Column({ type: 'jsonb', nullable: true }) created: ImportCounts | null;
  @Column({ type: 'jsonb', nullable: true }) unchanged: ImportCounts | null;
  @Column({ type: 'integer', default: 0 }) errorCount: number;
  /** The first errors, by row and column. */
  @Column({ type: 'jsonb', nullable: true }) errors: ImportRowError[] | null;
  /** Why a failed run failed; nothing of it was written. */
  @Column({ type: 'text', nullable: true }) failureReason: string | null;
  /** The database session running it: when that session is gone, so is the run. */
  @Column({ type: 'integer', nullable: true }) backendPid: number | null;
  @Column({ type: 'timestamptz', nullable: true }) backendStart: Date | null;
  @Column({ type: 'uuid', nullable: true }) startedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'started_by_account_id',
    foreignKeyConstraintName: 'fk_membership_imports_started_by_account_id',
  })
  startedBy?: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) startedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}

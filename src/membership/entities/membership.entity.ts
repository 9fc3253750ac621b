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
import type { StoredMembershipStatus } from 'src/membership/membership-rules';
import { MembershipApplication } from 'src/membership/entities/membership-application.entity';
import { MembershipImport } from 'src/membership/entities/membership-import.entity';
import { MembershipCategory } from 'src/membership/entities/membership-category.entity';

/**
 * A person's membership, one per person for life (the member number with it). `status` is what
 * the daily job last wrote; active, grace and lapsed are re-read from `coveredUntil` on every read.
 */
@Entity('memberships')
@Unique('uq_memberships_person_id', ['personId'])
@Unique('uq_memberships_member_number', ['memberNumber'])
@Check(
  'ck_memberships_status',
  `status IN ('active', 'grace', 'lapsed', 'suspended', 'revoked', 'resigned', 'deceased')`,
)
@Check('ck_memberships_member_number', `btrim(member_number) <> ''`)
@Check('ck_memberships_covered_until', 'covered_until >= member_since')
@Check('ck_memberships_suspended_until', `suspended_until IS NULL OR status = 'suspended'`)
@Index('ix_memberships_category_id', ['categoryId', 'memberNumber'])
@Index('ix_memberships_chapter_id', ['chapterId', 'memberNumber'])
@Index('ix_memberships_status_covered_until', ['status', 'coveredUntil'])
// Partial index over the members listed in the public directory, created by the migration.
@Index('ix_memberships_directory', { synchronize: false })
export class Membership {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) personId: string;
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_memberships_person_id' })
  person?: unknown;
  @Column({ type: 'varchar', length: 60 }) memberNumber: string;
  @Column({ type: 'uuid' }) categoryId: string;
  @ManyToOne(() => MembershipCategory)
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'fk_memberships_category_id' })
  category: MembershipCategory;
  @Column({ type: 'uuid' }) chapterId: string;
  @ManyToOne('Chapter')
  @JoinColumn({ name: 'chapter_id', foreignKeyConstraintName: 'fk_memberships_chapter_id' })
  chapter?: unknown;
  @Column({ type: 'varchar', length: 120, nullable: true }) speciality: string | null;
  @Column({ type: 'varchar', length: 12, default: 'active' }) status: StoredMembershipStatus;
  @Column({ type: 'text', nullable: true }) statusReason: string | null;
  @Column({ type: 'date' }) statusChangedOn: string;
  @Column({ type: 'date', nullable: true }) suspendedUntil: string | null;
  @Column({ type: 'date' }) memberSince: string;
  /** The last day of the last granted period. */
  @Column({ type: 'date' }) coveredUntil: string;
  @Column({ type: 'boolean', default: false }) listedInDirectory: boolean;
  @Column({ type: 'uuid', nullable: true }) applicationId: string | null;
  @ManyToOne(() => MembershipApplication)
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'fk_memberships_application_id',
  })
  application?: MembershipApplication;
  /** The register import that brought this membership in, if one did. */
  @Column({ type: 'uuid', nullable: true }) importId: string | null;
  @ManyToOne(() => MembershipImport)
  @JoinColumn({ name: 'import_id', foreignKeyConstraintName: 'fk_memberships_import_id' })
  import?: MembershipImport;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

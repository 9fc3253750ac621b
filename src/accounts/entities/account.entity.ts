import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from 'src/auth/roles';

/** A login. Staff accounts carry staff roles; a member account is linked to its person. */
@Entity('accounts')
@Check(
  'ck_accounts_roles',
  `cardinality(roles) > 0 AND roles <@ ARRAY['admin', 'registrar', 'cpd_officer', 'ethics_officer', 'finance', 'volunteer_coordinator', 'member']::text[]`,
)
@Check('ck_accounts_member_has_person', `NOT ('member' = ANY (roles)) OR person_id IS NOT NULL`)
@Check('ck_accounts_failed_login_count', 'failed_login_count >= 0')
@Check('ck_accounts_token_version', 'token_version > 0')
@Check(
  'ck_accounts_scope_staff_only',
  `(scope_profession_id IS NULL AND scope_chapter_id IS NULL) OR NOT (roles && ARRAY['admin', 'member']::text[])`,
)
// GIN index on roles, created by the migration; TypeORM cannot describe it.
@Index('ix_accounts_roles', { synchronize: false })
export class Account {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Unique case-insensitively (index uq_accounts_email on lower(email)). */
  @Column({ type: 'varchar', length: 254 }) email: string;
  @Column({ type: 'text', select: false }) passwordHash: string;
  @Column({ type: 'varchar', length: 200 }) displayName: string;
  @Column({ type: 'text', array: true }) roles: Role[];
  @Column({ type: 'uuid', nullable: true, unique: true }) personId: string | null;
  // Named, not imported: the people module keeps its entity to itself.
  @OneToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_accounts_person_id' })
  person?: unknown;
  @Column({ type: 'integer', default: 0 }) failedLoginCount: number;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) passwordChangedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  /** Where the deployment scopes staff: the profession and chapter this account works in. */
  @Column({ type: 'uuid', nullable: true }) scopeProfessionId: string | null;
  @ManyToOne('Profession')
  @JoinColumn({
    name: 'scope_profession_id',
    foreignKeyConstraintName: 'fk_accounts_scope_profession_id',
  })
  scopeProfession?: unknown;
  @Column({ type: 'uuid', nullable: true }) scopeChapterId: string | null;
  @ManyToOne('Chapter')
  @JoinColumn({
    name: 'scope_chapter_id',
    foreignKeyConstraintName: 'fk_accounts_scope_chapter_id',
  })
  scopeChapter?: unknown;
  /** Carried by access tokens; moved on when roles, password or the disabled flag change. */
  @Column({ type: 'integer', default: 1 }) tokenVersion: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

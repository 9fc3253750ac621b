import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Account } from 'src/accounts/entities/account.entity';

/**
 * One refresh token of a login session (its family). Only the SHA-256 of the secret is kept.
 * A token is spent once; presenting a spent one again revokes the whole family.
 */
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_account_id', ['accountId'])
@Index('ix_refresh_tokens_family_id', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) accountId: string;
  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_refresh_tokens_account_id' })
  account?: Account;
  @Column({ type: 'uuid' }) familyId: string;
  @Column({ type: 'char', length: 64, unique: true }) tokenHash: string;
  @Column({ type: 'timestamptz' }) expiresAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) revokedReason: string | null;
  @Column({ type: 'inet', nullable: true }) createdIp: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

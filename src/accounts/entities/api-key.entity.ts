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

/** An organisation's key for verification routes; the key itself is shown once and kept hashed. */
@Entity('api_keys')
@Index('ix_api_keys_created_by_account_id', ['createdByAccountId'])
export class ApiKey {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'varchar', length: 200 }) organisation: string;
  /** Public part of the key, used to find the row before comparing hashes. */
  @Column({ type: 'varchar', length: 16, unique: true }) prefix: string;
  @Column({ type: 'char', length: 64, select: false }) keyHash: string;
  @Column({ type: 'uuid', nullable: true }) createdByAccountId: string | null;
  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'created_by_account_id',
    foreignKeyConstraintName: 'fk_api_keys_created_by_account_id',
  })
  createdBy?: Account;
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

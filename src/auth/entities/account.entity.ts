import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from 'src/auth/roles';

/** A login. Staff accounts carry staff roles; a member account is linked to its person. */
@Entity('accounts')
export class Account {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Unique case-insensitively (index uq_accounts_email on lower(email)). */
  @Column({ type: 'varchar', length: 254 }) email: string;
  @Column({ type: 'text', select: false }) passwordHash: string;
  @Column({ type: 'varchar', length: 200 }) displayName: string;
  @Column({ type: 'text', array: true }) roles: Role[];
  @Column({ type: 'uuid', nullable: true, unique: true }) personId: string | null;
  @Column({ type: 'integer', default: 0 }) failedLoginCount: number;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  @Column({ type: 'timestamptz' }) passwordChangedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) disabledAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

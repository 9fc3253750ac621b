import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/** An Ed25519 key the association signs credentials with; the private half is stored encrypted. */
@Entity('issuer_keys')
@Unique('uq_issuer_keys_public_key_multibase', ['publicKeyMultibase'])
@Check(
  'ck_issuer_keys_public_key_multibase',
  `public_key_multibase ~ '^z6Mk[1-9A-HJ-NP-Za-km-z]+$'`,
)
// At most one active key: a partial unique index on (true) the migration creates.
@Index('uq_issuer_keys_active', { synchronize: false })
export class IssuerKey {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Multikey form: multicodec ed25519-pub (0xed01) + 32 bytes, base58btc, `z` prefix. */
  @Column({ type: 'varchar', length: 100 }) publicKeyMultibase: string;
  /** 12-byte IV, 16-byte tag, then the PKCS#8 private key, AES-256-GCM. */
  @Column({ type: 'bytea', select: false }) privateKeyEncrypted: Buffer;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) retiredAt: Date | null;
}

import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/** A CPD provider accredited for a period; it reports attendance with its own API key. */
@Entity('cpd_providers')
@Unique('uq_cpd_providers_api_key_id', ['apiKeyId'])
@Check('ck_cpd_providers_accreditation', 'accredited_until >= accredited_from')
export class CpdProvider {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ type: 'uuid' }) apiKeyId: string;
  // Named, not imported: the accounts module keeps its entity to itself.
  @ManyToOne('ApiKey')
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'fk_cpd_providers_api_key_id' })
  apiKey?: unknown;
  @Column({ type: 'date' }) accreditedFrom: string;
  @Column({ type: 'date' }) accreditedUntil: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

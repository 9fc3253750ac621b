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

/** An organisation's list of the credentials it relies on, kept with the purpose it stated. */
@Entity('watch_lists')
@Index('ix_watch_lists_api_key_id', ['apiKeyId'])
@Check('ck_watch_lists_purpose', `btrim(purpose) <> ''`)
export class WatchList {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) apiKeyId: string;
  // Named, not imported: the accounts module keeps its entity to itself.
  @ManyToOne('ApiKey')
  @JoinColumn({ name: 'api_key_id', foreignKeyConstraintName: 'fk_watch_lists_api_key_id' })
  apiKey?: unknown;
  /** The organisation's name as its key had it when the list was made. */
  @Column({ type: 'varchar', length: 200 }) organisation: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** Why it watches: shown to every holder it watches. */
  @Column({ type: 'text' }) purpose: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

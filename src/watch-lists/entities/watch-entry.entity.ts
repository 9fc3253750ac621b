import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { WatchList } from 'src/watch-lists/entities/watch-list.entity';

/** A credential on a watch list. */
@Entity('watch_entries')
@Index('ix_watch_entries_credential_id', ['credentialId'])
@Index('ix_watch_entries_watch_list_id_number', ['watchListId', 'number'], { unique: true })
export class WatchEntry {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_watch_entries' })
  watchListId: string;
  @ManyToOne(() => WatchList)
  @JoinColumn({ name: 'watch_list_id', foreignKeyConstraintName: 'fk_watch_entries_watch_list_id' })
  watchList?: WatchList;
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_watch_entries' })
  credentialId: string;
  // Named, not imported: the credentials module keeps its entity to itself.
  @ManyToOne('Credential')
  @JoinColumn({ name: 'credential_id', foreignKeyConstraintName: 'fk_watch_entries_credential_id' })
  credential?: unknown;
  /** Its number, as the organisation knows it: a credential's number never changes. */
  @Column({ type: 'varchar', length: 100 }) number: string;
  @CreateDateColumn({ type: 'timestamptz' }) enrolledAt: Date;
}

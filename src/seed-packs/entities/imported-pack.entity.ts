import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** A pack an admin imported, as last loaded: listed, read back and loaded again by its name. */
@Entity('imported_packs')
@Check('ck_imported_packs_name', `name ~ '^[a-z][a-z0-9-]{0,39}$'`)
export class ImportedPack {
  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'pk_imported_packs' })
  name: string;
  @Column({ type: 'text' }) description: string;
  /** The pack as it was loaded, in the shape POST /seed-packs takes. */
  @Column({ type: 'jsonb' }) pack: object;
  @Column({ type: 'timestamptz', default: () => 'now()' }) importedAt: Date;
  @Column({ type: 'uuid', nullable: true }) importedByAccountId: string | null;
  // Named, not imported: the accounts module keeps its entity to itself.
  @ManyToOne('Account')
  @JoinColumn({
    name: 'imported_by_account_id',
    foreignKeyConstraintName: 'fk_imported_packs_imported_by_account_id',
  })
  importedBy?: unknown;
}

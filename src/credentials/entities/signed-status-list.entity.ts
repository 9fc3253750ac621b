import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { StatusPurpose } from 'src/credentials/verifiable/status-lists';

/** A status list as last signed; signed again only when its bits change. */
@Entity('signed_status_lists')
@Check('ck_signed_status_lists_purpose', `purpose IN ('revocation', 'suspension')`)
@Check('ck_signed_status_lists_list', 'list > 0')
export class SignedStatusList {
  @PrimaryColumn({
    type: 'varchar',
    length: 12,
    primaryKeyConstraintName: 'pk_signed_status_lists',
  })
  purpose: StatusPurpose;
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_signed_status_lists' })
  list: number;
  @Column({ type: 'text' }) encodedList: string;
  /** The signed credential as served, byte for byte (so its ETag stays the same). */
  @Column({ type: 'text' }) credential: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) signedAt: Date;
}

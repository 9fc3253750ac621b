import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far the changes of watched credentials have been made into deliveries: one row, locked. */
@Entity('webhook_dispatch_cursors')
export class WebhookDispatchCursor {
  @PrimaryColumn({ type: 'varchar', length: 40 }) name: string;
  @Column({ type: 'bigint' }) txId: string;
  @Column({ type: 'bigint' }) changeId: string;
}

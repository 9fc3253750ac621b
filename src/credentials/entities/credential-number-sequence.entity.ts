import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CredentialType } from 'src/credentials/entities/credential-type.entity';

/** The last number handed out per type and scope (a year or month, a chapter's, or `all`). */
@Entity('credential_number_sequences')
@Check('ck_credential_number_sequences_last_value', 'last_value > 0')
export class CredentialNumberSequence {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_credential_number_sequences' })
  credentialTypeId: string;
  @PrimaryColumn({
    type: 'varchar',
    length: 40,
    primaryKeyConstraintName: 'pk_credential_number_sequences',
  })
  scope: string;
  @ManyToOne(() => CredentialType)
  @JoinColumn({
    name: 'credential_type_id',
    foreignKeyConstraintName: 'fk_credential_number_sequences_credential_type_id',
  })
  credentialType?: CredentialType;
  @Column({ type: 'bigint' }) lastValue: string;
}

import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { CodeVersion } from 'src/ethics/entities/code-version.entity';

/** A person's pledge to one version of the code: when, and from where. */
@Entity('ethics_pledges')
@Unique('uq_ethics_pledges_person_version', ['personId', 'codeVersionId'])
@Index('ix_ethics_pledges_code_version_id', ['codeVersionId', 'personId'])
export class Pledge {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) personId: string;
  // Named, not imported: the people module keeps its entity to itself.
  @ManyToOne('Person')
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_ethics_pledges_person_id' })
  person?: unknown;
  @Column({ type: 'uuid' }) codeVersionId: string;
  @ManyToOne(() => CodeVersion)
  @JoinColumn({
    name: 'code_version_id',
    foreignKeyConstraintName: 'fk_ethics_pledges_code_version_id',
  })
  codeVersion?: CodeVersion;
  @Column({ type: 'timestamptz', default: () => 'now()' }) pledgedAt: Date;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip: string | null;
  @Column({ type: 'varchar', length: 400, nullable: true }) userAgent: string | null;
  /** Set when staff record a pledge signed on paper; null when the member pledged themself. */
  @Column({ type: 'uuid', nullable: true }) recordedByAccountId: string | null;
  @ManyToOne('Account')
  @JoinColumn({
    name: 'recorded_by_account_id',
    foreignKeyConstraintName: 'fk_ethics_pledges_recorded_by_account_id',
  })
  recordedBy?: unknown;
}

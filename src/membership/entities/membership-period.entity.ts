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
import { MembershipCategory } from 'src/membership/entities/membership-category.entity';
import { Membership } from 'src/membership/entities/membership.entity';

/**
 * One period of membership and its dues. A renewal period is granted (extends the cover) once
 * its dues and every older dues invoice are settled; the first is granted on approval. Periods
 * belong to an admission (the first, or a readmission after resigning): a readmission on the day
 * the earlier admission began keeps both periods, apart.
 */
@Entity('membership_periods')
@Unique('uq_membership_periods_admission_starts_on', ['membershipId', 'admission', 'startsOn'])
@Check('ck_membership_periods_dates', 'ends_on >= starts_on')
@Check('ck_membership_periods_admission', 'admission >= 1')
export class MembershipPeriod {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) membershipId: string;
  @ManyToOne(() => Membership)
  @JoinColumn({
    name: 'membership_id',
    foreignKeyConstraintName: 'fk_membership_periods_membership_id',
  })
  membership?: Membership;
  @Column({ type: 'uuid' }) categoryId: string;
  @ManyToOne(() => MembershipCategory)
  @JoinColumn({
    name: 'category_id',
    foreignKeyConstraintName: 'fk_membership_periods_category_id',
  })
  category?: MembershipCategory;
  /** Which admission of the membership it belongs to: 1 for the first. */
  @Column({ type: 'smallint', default: 1 }) admission: number;
  @Column({ type: 'date' }) startsOn: string;
  @Column({ type: 'date' }) endsOn: string;
  @Column({ type: 'timestamptz', nullable: true }) grantedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

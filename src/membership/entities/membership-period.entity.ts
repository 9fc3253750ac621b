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
 * its dues and every older dues invoice are settled; the first is granted on approval.
 */
@Entity('membership_periods')
@Unique('uq_membership_periods_membership_starts_on', ['membershipId', 'startsOn'])
@Check('ck_membership_periods_dates', 'ends_on >= starts_on')
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
  @Column({ type: 'date' }) startsOn: string;
  @Column({ type: 'date' }) endsOn: string;
  @Column({ type: 'timestamptz', nullable: true }) grantedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

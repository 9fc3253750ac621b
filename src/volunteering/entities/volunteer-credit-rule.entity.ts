import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { DECIMAL } from 'src/common/decimal-column';

/**
 * How approved hours become CPD credits, from a day on: so many hours a credit, in a domain and
 * category of the CPD policies (which cap them per cycle as they say). Seeded: 2 hours a credit
 * of community service.
 */
@Entity('volunteer_credit_rules')
@Unique('uq_volunteer_credit_rules_effective_from', ['effectiveFrom'])
@Check('ck_volunteer_credit_rules_hours_per_credit', 'hours_per_credit > 0')
export class VolunteerCreditRule {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'date' }) effectiveFrom: string;
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: DECIMAL })
  hoursPerCredit: number;
  @Column({ type: 'varchar', length: 40 }) domain: string;
  @Column({ type: 'varchar', length: 40 }) category: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

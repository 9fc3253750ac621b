import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';

/**
 * A person's shifts as a calendar feed a phone subscribes to: the feed's address carries a
 * secret token (kept here as its hash), since a calendar app sends no sign-in.
 */
@Entity('volunteer_calendar_feeds')
@Unique('uq_volunteer_calendar_feeds_token_hash', ['tokenHash'])
export class VolunteerCalendarFeed {
  @PrimaryColumn({
    type: 'uuid',
    primaryKeyConstraintName: 'pk_volunteer_calendar_feeds',
  })
  personId: string;
  @ManyToOne('Person')
  @JoinColumn({
    name: 'person_id',
    foreignKeyConstraintName: 'fk_volunteer_calendar_feeds_person_id',
  })
  person?: unknown;
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

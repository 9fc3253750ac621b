import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CHAPTERS_READ_MODEL as CHAPTERS } from 'src/chapters/chapters.read-model';
import { CREDENTIALS_READ_MODEL as CREDENTIALS } from 'src/credentials/credentials.read-model';
import { PEOPLE_READ_MODEL as PEOPLE } from 'src/people/people.read-model';
import type { HoursReportGroup } from 'src/volunteering/dto/volunteering.dto';
import { ShiftSignup } from 'src/volunteering/entities/shift-signup.entity';
import { VolunteerCalendarFeed } from 'src/volunteering/entities/volunteer-calendar-feed.entity';
import { VolunteerCreditProposal } from 'src/volunteering/entities/volunteer-credit-proposal.entity';
import { VolunteerCreditRule } from 'src/volunteering/entities/volunteer-credit-rule.entity';
import { VolunteerHours } from 'src/volunteering/entities/volunteer-hours.entity';
import { VolunteerProgram } from 'src/volunteering/entities/volunteer-program.entity';
import { VolunteerShift } from 'src/volunteering/entities/volunteer-shift.entity';
import { Volunteer } from 'src/volunteering/entities/volunteer.entity';
import type { ProgramStatus, SignupStatus } from 'src/volunteering/volunteering-rules';

/** A program with the names its answers show. */
export interface ProgramRow extends VolunteerProgram {
  chapter: string | null;
  requires: string | null;
}

export interface ShiftRow extends VolunteerShift {
  confirmed: number;
  waiting: number;
  requires: string | null;
}

export interface VolunteerRow extends Volunteer {
  programTitle: string;
  fullName: string;
}

export interface SignupRow extends ShiftSignup {
  waitingPosition: number | null;
}

/** A shift in a volunteer's calendar. */
export interface CalendarShift {
  signupId: string;
  status: SignupStatus;
  role: string;
  programTitle: string;
  place: string;
  startsAt: Date;
  endsAt: Date;
}

const PROGRAM_COLUMNS = `p.id, p.title, p.description, p.cause, p.chapter_id AS "chapterId",
  p.place, p.starts_on::text AS "startsOn", p.ends_on::text AS "endsOn", p.open_to AS "openTo",
  p.required_credential_type_id AS "requiredCredentialTypeId", p.status,
  (SELECT ${CHAPTERS.name('ch')} FROM (SELECT 1) one ${CHAPTERS.join('ch', 'p.chapter_id')}) AS chapter,
  ${CREDENTIALS.typeName('p.required_credential_type_id')} AS requires`;

const SHIFT_COLUMNS = `s.id, s.program_id AS "programId", s.role, s.starts_at AS "startsAt",
  s.ends_at AS "endsAt", s.capacity, s.place,
  s.required_credential_type_id AS "requiredCredentialTypeId",
  (SELECT count(*)::int FROM shift_signups c WHERE c.shift_id = s.id AND c.status = 'confirmed') AS confirmed,
  (SELECT count(*)::int FROM shift_signups w WHERE w.shift_id = s.id AND w.status = 'waiting') AS waiting,
  ${CREDENTIALS.typeName('s.required_credential_type_id')} AS requires`;

/** The records whose access follows the person they belong to. */
export type OwnedRecord = 'volunteer' | 'signup' | 'proposal';
const OWNED_FROM: Record<OwnedRecord, string> = {
  volunteer: 'volunteers owned',
  signup: 'shift_signups owned JOIN volunteers v ON v.id = owned.volunteer_id',
  proposal: 'volunteer_credit_proposals owned',
};
const OWNERS: Record<OwnedRecord, string> = {
  volunteer: 'owned.person_id',
  signup: 'v.person_id',
  proposal: 'owned.person_id',
};

/** A sign-up, with its place on the waiting list computed by `position`. */
const SIGNUP_COLUMNS = (position: string) => `s.id, s.shift_id AS "shiftId",
  s.volunteer_id AS "volunteerId", s.status, s.signed_up_at AS "signedUpAt",
  s.promoted_at AS "promotedAt", s.cancelled_at AS "cancelledAt",
  CASE WHEN s.status = 'waiting' THEN ${position} END AS "waitingPosition"`;

const VOLUNTEER_COLUMNS = `v.id, v.program_id AS "programId", v.person_id AS "personId", v.status,
  v.motivation, v.reason, v.applied_at AS "appliedAt", v.decided_at AS "decidedAt",
  p.title AS "programTitle", ${PEOPLE.fullName('person')} AS "fullName"`;

/** Every query of volunteering, named. */
@Injectable()
export class VolunteeringRepository {
  async insertProgram(
    manager: EntityManager,
    values: Omit<
      VolunteerProgram,
      'id' | 'status' | 'createdAt' | 'chapter' | 'requiredCredentialType'
    >,
  ): Promise<string> {
    const saved = await manager.save(manager.create(VolunteerProgram, values));
    return saved.id;
  }

  async program(manager: EntityManager, id: string): Promise<ProgramRow | null> {
    const [row] = await manager.query<ProgramRow[]>(
      `SELECT ${PROGRAM_COLUMNS} FROM volunteer_programs p WHERE p.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The program's row, locked: closing it and admitting to it take turns. */
  lockProgram(manager: EntityManager, id: string): Promise<VolunteerProgram | null> {
    return manager.findOne(VolunteerProgram, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async setProgramStatus(manager: EntityManager, id: string, status: ProgramStatus): Promise<void> {
    await manager.update(VolunteerProgram, { id }, { status });
  }

  /** Open programs not yet over on `today`, soonest first: the public list. */
  async openPrograms(
    manager: EntityManager,
    today: string,
    offset: number,
    limit: number,
  ): Promise<{ rows: ProgramRow[]; total: number }> {
    const rows = await manager.query<(ProgramRow & { total: number })[]>(
      `SELECT ${PROGRAM_COLUMNS}, count(*) OVER ()::int AS total
         FROM volunteer_programs p
        WHERE p.status = 'open' AND p.ends_on >= $1::date
        ORDER BY p.starts_on, p.title, p.id
        OFFSET $2 LIMIT $3`,
      [today, offset, limit],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  async insertShift(
    manager: EntityManager,
    values: Pick<
      VolunteerShift,
      | 'programId'
      | 'role'
      | 'startsAt'
      | 'endsAt'
      | 'capacity'
      | 'place'
      | 'requiredCredentialTypeId'
    >,
  ): Promise<string> {
    const saved = await manager.save(manager.create(VolunteerShift, values));
    return saved.id;
  }

  shiftsOf(manager: EntityManager, programId: string, from?: Date): Promise<ShiftRow[]> {
    return manager.query<ShiftRow[]>(
      `SELECT ${SHIFT_COLUMNS} FROM volunteer_shifts s
        WHERE s.program_id = $1 AND ($2::timestamptz IS NULL OR s.ends_at >= $2)
        ORDER BY s.starts_at, s.role, s.id`,
      [programId, from ?? null],
    );
  }

  async shift(manager: EntityManager, id: string): Promise<ShiftRow | null> {
    const [row] = await manager.query<ShiftRow[]>(
      `SELECT ${SHIFT_COLUMNS} FROM volunteer_shifts s WHERE s.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** The shift's row, locked: sign-ups and cancellations of one shift take turns on it. */
  lockShift(manager: EntityManager, id: string): Promise<VolunteerShift | null> {
    return manager.findOne(VolunteerShift, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insertVolunteer(
    manager: EntityManager,
    values: Pick<Volunteer, 'programId' | 'personId' | 'motivation'>,
  ): Promise<string> {
    const saved = await manager.save(manager.create(Volunteer, values));
    return saved.id;
  }

  async volunteer(manager: EntityManager, id: string): Promise<VolunteerRow | null> {
    const [row] = await manager.query<VolunteerRow[]>(
      `SELECT ${VOLUNTEER_COLUMNS}
         FROM volunteers v JOIN volunteer_programs p ON p.id = v.program_id
         ${PEOPLE.join('person', 'v.person_id')}
        WHERE v.id = $1`,
      [id],
    );
    return row ?? null;
  }

  lockVolunteer(manager: EntityManager, id: string): Promise<Volunteer | null> {
    return manager.findOne(Volunteer, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  volunteerOf(
    manager: EntityManager,
    programId: string,
    personId: string,
  ): Promise<Volunteer | null> {
    return manager.findOneBy(Volunteer, { programId, personId });
  }

  async decideVolunteer(
    manager: EntityManager,
    id: string,
    values: Pick<Volunteer, 'status' | 'reason' | 'decidedAt' | 'decidedByAccountId'>,
  ): Promise<void> {
    await manager.update(Volunteer, { id }, values);
  }

  async volunteers(
    manager: EntityManager,
    filter: {
      programId?: string;
      status?: string;
      personId?: string;
      scope?: { sql: string; parameters: unknown[] };
    },
    offset: number,
    limit: number,
  ): Promise<{ rows: VolunteerRow[]; total: number }> {
    const rows = await manager.query<(VolunteerRow & { total: number })[]>(
      `SELECT ${VOLUNTEER_COLUMNS}, count(*) OVER ()::int AS total
         FROM volunteers v JOIN volunteer_programs p ON p.id = v.program_id
         ${PEOPLE.join('person', 'v.person_id')}
        WHERE ($1::uuid IS NULL OR v.program_id = $1) AND ($2::text IS NULL OR v.status = $2)
          AND ($3::uuid IS NULL OR v.person_id = $3)
        ORDER BY v.applied_at, v.id
        OFFSET $4 LIMIT $5`,
      [filter.programId ?? null, filter.status ?? null, filter.personId ?? null, offset, limit],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  /** The person behind each record of a kind, by id: for the access check before loading. */
  async ownersOf(
    manager: EntityManager,
    kind: OwnedRecord,
    ids: string[],
  ): Promise<Map<string, string>> {
    const rows = await manager.query<{ id: string; person_id: string }[]>(
      `SELECT owned.id, ${OWNERS[kind]} AS person_id FROM ${OWNED_FROM[kind]}
        WHERE owned.id = ANY ($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.person_id]));
  }

  /** The live sign-ups of a shift: how many are confirmed, under the shift's lock. */
  async countConfirmed(manager: EntityManager, shiftId: string): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM shift_signups WHERE shift_id = $1 AND status = 'confirmed'`,
      [shiftId],
    );
    return row.count;
  }

  async insertSignup(
    manager: EntityManager,
    values: Pick<ShiftSignup, 'shiftId' | 'volunteerId' | 'status'>,
  ): Promise<string> {
    const saved = await manager.save(manager.create(ShiftSignup, values));
    return saved.id;
  }

  async signup(manager: EntityManager, id: string): Promise<SignupRow | null> {
    const [row] = await manager.query<SignupRow[]>(
      `SELECT ${SIGNUP_COLUMNS(`(SELECT count(*)::int FROM shift_signups ahead
                  WHERE ahead.shift_id = s.shift_id AND ahead.status = 'waiting'
                    AND (ahead.signed_up_at, ahead.id) <= (s.signed_up_at, s.id))`)}
         FROM shift_signups s WHERE s.id = $1`,
      [id],
    );
    return row ?? null;
  }

  signupsOf(manager: EntityManager, shiftId: string): Promise<SignupRow[]> {
    return manager.query<SignupRow[]>(
      `SELECT ${SIGNUP_COLUMNS(
        'row_number() OVER (PARTITION BY s.status ORDER BY s.signed_up_at, s.id)::int',
      )}
         FROM shift_signups s WHERE s.shift_id = $1
        ORDER BY s.signed_up_at, s.id`,
      [shiftId],
    );
  }

  lockSignup(manager: EntityManager, id: string): Promise<ShiftSignup | null> {
    return manager.findOne(ShiftSignup, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async cancelSignup(manager: EntityManager, id: string): Promise<void> {
    await manager.update(ShiftSignup, { id }, { status: 'cancelled', cancelledAt: new Date() });
  }

  /** The first on the shift's waiting list takes the place freed: its id, or null for none. */
  async promoteFirstWaiting(manager: EntityManager, shiftId: string): Promise<string | null> {
    const [row] = await manager.query<{ id: string }[]>(
      `UPDATE shift_signups SET status = 'confirmed', promoted_at = now()
        WHERE id = (SELECT id FROM shift_signups WHERE shift_id = $1 AND status = 'waiting'
                     ORDER BY signed_up_at, id LIMIT 1)
        RETURNING id`,
      [shiftId],
    );
    return row?.id ?? null;
  }

  /** A person's shifts (confirmed or waiting) of approved volunteering, for their calendar. */
  calendarShifts(manager: EntityManager, personId: string): Promise<CalendarShift[]> {
    return manager.query<CalendarShift[]>(
      `SELECT su.id AS "signupId", su.status, s.role, p.title AS "programTitle",
              coalesce(s.place, p.place) AS place, s.starts_at AS "startsAt", s.ends_at AS "endsAt"
         FROM shift_signups su
         JOIN volunteers v ON v.id = su.volunteer_id
         JOIN volunteer_shifts s ON s.id = su.shift_id
         JOIN volunteer_programs p ON p.id = s.program_id
        WHERE v.person_id = $1 AND su.status IN ('confirmed', 'waiting')
        ORDER BY s.starts_at, su.id`,
      [personId],
    );
  }

  async saveCalendarFeed(
    manager: EntityManager,
    personId: string,
    tokenHash: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO volunteer_calendar_feeds (person_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = now()`,
      [personId, tokenHash],
    );
  }

  async personOfFeed(manager: EntityManager, tokenHash: string): Promise<string | null> {
    const feed = await manager.findOneBy(VolunteerCalendarFeed, { tokenHash });
    return feed?.personId ?? null;
  }

  async insertHours(
    manager: EntityManager,
    values: Pick<
      VolunteerHours,
      | 'volunteerId'
      | 'shiftId'
      | 'workedOn'
      | 'hours'
      | 'note'
      | 'recordedBy'
      | 'status'
      | 'correctsId'
      | 'loggedByAccountId'
      | 'decidedAt'
      | 'decidedByAccountId'
    >,
  ): Promise<string> {
    const saved = await manager.save(manager.create(VolunteerHours, values));
    return saved.id;
  }

  findHours(manager: EntityManager, id: string): Promise<VolunteerHours | null> {
    return manager.findOneBy(VolunteerHours, { id });
  }

  lockHours(manager: EntityManager, id: string): Promise<VolunteerHours | null> {
    return manager.findOne(VolunteerHours, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async decideHours(
    manager: EntityManager,
    id: string,
    values: Pick<VolunteerHours, 'status' | 'reason' | 'decidedAt' | 'decidedByAccountId'>,
  ): Promise<void> {
    await manager.update(VolunteerHours, { id }, values);
  }

  async supersede(manager: EntityManager, id: string, byId: string): Promise<void> {
    await manager.update(VolunteerHours, { id }, { supersededById: byId });
  }

  async hours(
    manager: EntityManager,
    filter: { programId?: string; volunteerId?: string; status?: string; personId?: string },
    offset: number,
    limit: number,
  ): Promise<{ rows: (VolunteerHours & { personId: string })[]; total: number }> {
    const rows = await manager.query<(VolunteerHours & { personId: string; total: number })[]>(
      `SELECT h.id, h.volunteer_id AS "volunteerId", v.person_id AS "personId", h.shift_id AS "shiftId",
              h.worked_on::text AS "workedOn", h.hours::float8 AS hours, h.note,
              h.recorded_by AS "recordedBy", h.status, h.reason, h.corrects_id AS "correctsId",
              h.superseded_by_id AS "supersededById", h.logged_at AS "loggedAt",
              h.decided_at AS "decidedAt", count(*) OVER ()::int AS total
         FROM volunteer_hours h JOIN volunteers v ON v.id = h.volunteer_id
        WHERE ($1::uuid IS NULL OR v.program_id = $1) AND ($2::uuid IS NULL OR h.volunteer_id = $2)
          AND ($3::text IS NULL OR h.status = $3) AND ($4::uuid IS NULL OR v.person_id = $4)
        ORDER BY h.worked_on, h.logged_at, h.id
        OFFSET $5 LIMIT $6`,
      [
        filter.programId ?? null,
        filter.volunteerId ?? null,
        filter.status ?? null,
        filter.personId ?? null,
        offset,
        limit,
      ],
    );
    return { rows, total: rows[0]?.total ?? 0 };
  }

  /** The credit rule in force on a day: the latest that began by then. */
  ruleOn(manager: EntityManager, day: string): Promise<VolunteerCreditRule | null> {
    return manager
      .createQueryBuilder(VolunteerCreditRule, 'rule')
      .where('rule.effectiveFrom <= :day', { day })
      .orderBy('rule.effectiveFrom', 'DESC')
      .getOne();
  }

  rules(manager: EntityManager): Promise<VolunteerCreditRule[]> {
    return manager.find(VolunteerCreditRule, { order: { effectiveFrom: 'ASC' } });
  }

  async insertRule(
    manager: EntityManager,
    values: Pick<VolunteerCreditRule, 'effectiveFrom' | 'hoursPerCredit' | 'domain' | 'category'>,
  ): Promise<string> {
    const saved = await manager.save(manager.create(VolunteerCreditRule, values));
    return saved.id;
  }

  async insertProposal(
    manager: EntityManager,
    values: Pick<
      VolunteerCreditProposal,
      'hoursId' | 'personId' | 'title' | 'domain' | 'category' | 'earnedOn' | 'credits'
    >,
  ): Promise<void> {
    await manager.insert(VolunteerCreditProposal, values);
  }

  findProposal(manager: EntityManager, id: string): Promise<VolunteerCreditProposal | null> {
    return manager.findOneBy(VolunteerCreditProposal, { id });
  }

  lockProposal(manager: EntityManager, id: string): Promise<VolunteerCreditProposal | null> {
    return manager.findOne(VolunteerCreditProposal, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  lockProposalOfHours(
    manager: EntityManager,
    hoursId: string,
  ): Promise<VolunteerCreditProposal | null> {
    return manager.findOne(VolunteerCreditProposal, {
      where: { hoursId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async setProposalStatus(
    manager: EntityManager,
    id: string,
    status: VolunteerCreditProposal['status'],
  ): Promise<void> {
    await manager.update(VolunteerCreditProposal, { id }, { status, decidedAt: new Date() });
  }

  async proposals(
    manager: EntityManager,
    filter: { personId?: string; status?: string },
    offset: number,
    limit: number,
  ): Promise<{ rows: VolunteerCreditProposal[]; total: number }> {
    const [rows, total] = await manager.findAndCount(VolunteerCreditProposal, {
      where: {
        ...(filter.personId ? { personId: filter.personId } : {}),
        ...(filter.status ? { status: filter.status as VolunteerCreditProposal['status'] } : {}),
      },
      order: { proposedAt: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
    return { rows, total };
  }

  /**
   * Approved hours that stand (not superseded by a correction), summed by program, chapter or
   * person, between two days.
   */
  hoursReport(
    manager: EntityManager,
    by: HoursReportGroup,
    from: string | null,
    to: string | null,
  ): Promise<{ key: string; name: string; volunteers: number; entries: number; hours: number }[]> {
    const group = {
      program: { key: 'p.id::text', name: 'p.title', join: '' },
      chapter: {
        key: `coalesce(p.chapter_id::text, '')`,
        name: `coalesce(ch.name, 'No chapter')`,
        join: `LEFT ${CHAPTERS.join('ch', 'p.chapter_id')}`,
      },
      person: {
        key: 'v.person_id::text',
        name: PEOPLE.fullName('person'),
        join: PEOPLE.join('person', 'v.person_id'),
      },
    }[by];
    return manager.query(
      `SELECT ${group.key} AS key, ${group.name} AS name,
              count(DISTINCT v.person_id)::int AS volunteers, count(*)::int AS entries,
              sum(h.hours)::float8 AS hours
         FROM volunteer_hours h
         JOIN volunteers v ON v.id = h.volunteer_id
         JOIN volunteer_programs p ON p.id = v.program_id
         ${group.join}
        WHERE h.status = 'approved' AND h.superseded_by_id IS NULL
          AND ($1::date IS NULL OR h.worked_on >= $1) AND ($2::date IS NULL OR h.worked_on <= $2)
        GROUP BY 1, 2
        ORDER BY 2, 1`,
      [from, to],
    );
  }

  /** A volunteer's approved hours that stand, for their certificate of service. */
  async serviceOf(
    manager: EntityManager,
    volunteerId: string,
  ): Promise<{ hours: number; entries: number; firstDay: string | null; lastDay: string | null }> {
    const [row] = await manager.query<
      { hours: number; entries: number; firstDay: string | null; lastDay: string | null }[]
    >(
      `SELECT coalesce(sum(hours), 0)::float8 AS hours, count(*)::int AS entries,
              min(worked_on)::text AS "firstDay", max(worked_on)::text AS "lastDay"
         FROM volunteer_hours
        WHERE volunteer_id = $1 AND status = 'approved' AND superseded_by_id IS NULL`,
      [volunteerId],
    );
    return row;
  }
}

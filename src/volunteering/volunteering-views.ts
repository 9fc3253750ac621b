import { createHash } from 'node:crypto';
import { AppError } from 'src/common/errors/app-error';
import type { Page, PageQuery } from 'src/common/paging';
import type {
  HoursResponse,
  ProgramResponse,
  ProposalResponse,
  ShiftResponse,
  VolunteerResponse,
} from 'src/volunteering/dto/volunteering.dto';
import type { VolunteerCreditProposal } from 'src/volunteering/entities/volunteer-credit-proposal.entity';
import type { VolunteerHours } from 'src/volunteering/entities/volunteer-hours.entity';
import {
  type ProgramRow,
  type ShiftRow,
  type VolunteerRow,
} from 'src/volunteering/volunteering.repository';

export const PROGRAM = 'Volunteer program';
export const SHIFT = 'Shift';
export const VOLUNTEER = 'Volunteer';
export const SIGNUP = 'Shift sign-up';
export const HOURS = 'Volunteer hours';
export const PROPOSAL = 'Credit proposal';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const page = <T>(query: PageQuery, items: T[], total: number): Page<T> => ({
  items,
  page: query.page,
  pageSize: query.pageSize,
  total,
});

export const toProgram = (row: ProgramRow): ProgramResponse => ({
  id: row.id,
  title: row.title,
  description: row.description,
  cause: row.cause,
  chapter: row.chapter,
  place: row.place,
  startsOn: row.startsOn,
  endsOn: row.endsOn,
  openTo: row.openTo,
  requires: row.requires,
  status: row.status,
});

export const toShift = (row: ShiftRow): ShiftResponse => ({
  id: row.id,
  programId: row.programId,
  role: row.role,
  startsAt: new Date(row.startsAt).toISOString(),
  endsAt: new Date(row.endsAt).toISOString(),
  place: row.place,
  capacity: row.capacity,
  confirmed: row.confirmed,
  waiting: row.waiting,
  requires: row.requires,
});

export const toVolunteer = (row: VolunteerRow): VolunteerResponse => ({
  id: row.id,
  programId: row.programId,
  programTitle: row.programTitle,
  personId: row.personId,
  fullName: row.fullName,
  status: row.status,
  motivation: row.motivation,
  reason: row.reason,
  appliedAt: row.appliedAt,
  decidedAt: row.decidedAt,
});

export const toHours = (row: VolunteerHours & { personId: string }): HoursResponse => ({
  id: row.id,
  volunteerId: row.volunteerId,
  personId: row.personId,
  shiftId: row.shiftId,
  workedOn: row.workedOn,
  hours: Number(row.hours),
  note: row.note,
  recordedBy: row.recordedBy,
  status: row.status,
  reason: row.reason,
  correctsId: row.correctsId,
  supersededById: row.supersededById,
  loggedAt: row.loggedAt,
  decidedAt: row.decidedAt,
});

export const toProposal = (row: VolunteerCreditProposal): ProposalResponse => ({
  id: row.id,
  hoursId: row.hoursId,
  personId: row.personId,
  title: row.title,
  domain: row.domain,
  category: row.category,
  earnedOn: row.earnedOn,
  credits: row.credits,
  status: row.status,
  proposedAt: row.proposedAt,
  decidedAt: row.decidedAt,
});

export const validation = (field: string, message: string) =>
  new AppError('validation-failed', `Check these fields: ${field}`, {
    errors: [{ field, message }],
  });

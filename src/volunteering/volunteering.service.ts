import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { csvRow } from 'src/common/csv';
import { AppError, notFound } from 'src/common/errors/app-error';
import type { Page, PageQuery } from 'src/common/paging';
import type { RuntimeSettings } from 'src/config/settings';
import { CpdPort } from 'src/cpd/cpd.port';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { Transactions } from 'src/database/transactions';
import { MembershipPort } from 'src/membership/membership.port';
import type {
  ApplyDto,
  CreateCreditRuleDto,
  CreateProgramDto,
  CreateShiftDto,
  CreditRuleResponse,
  DecideHoursDto,
  DecideProposalDto,
  DecideVolunteerDto,
  HoursPage,
  HoursQuery,
  HoursReportQuery,
  HoursReportRow,
  HoursResponse,
  LogHoursDto,
  ProgramPage,
  ProgramResponse,
  ProposalPage,
  ProposalResponse,
  ProposalsQuery,
  PublicProgramResponse,
  ShiftResponse,
  SignUpDto,
  SignupResponse,
  UpdateProgramDto,
  VolunteerPage,
  VolunteerResponse,
  VolunteersQuery,
} from 'src/volunteering/dto/volunteering.dto';
import type { VolunteerCreditProposal } from 'src/volunteering/entities/volunteer-credit-proposal.entity';
import type { VolunteerHours } from 'src/volunteering/entities/volunteer-hours.entity';
import { renderServiceCertificate, shiftsCalendar } from 'src/volunteering/volunteering-documents';
import { creditsForHours, volunteerMove } from 'src/volunteering/volunteering-rules';
import { VolunteeringError } from 'src/volunteering/volunteering.errors';
import {
  VolunteeringRepository,
  type ProgramRow,
  type ShiftRow,
  type VolunteerRow,
} from 'src/volunteering/volunteering.repository';

const PROGRAM = 'Volunteer program';
const SHIFT = 'Shift';
const VOLUNTEER = 'Volunteer';
const SIGNUP = 'Shift sign-up';
const HOURS = 'Volunteer hours';
const PROPOSAL = 'Credit proposal';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const page = <T>(query: PageQuery, items: T[], total: number): Page<T> => ({
  items,
  page: query.page,
  pageSize: query.pageSize,
  total,
});

const toProgram = (row: ProgramRow): ProgramResponse => ({
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

const toShift = (row: ShiftRow): ShiftResponse => ({
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

const toVolunteer = (row: VolunteerRow): VolunteerResponse => ({
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

const toHours = (row: VolunteerHours & { personId: string }): HoursResponse => ({
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

const toProposal = (row: VolunteerCreditProposal): ProposalResponse => ({
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

const validation = (field: string, message: string) =>
  new AppError('validation-failed', `Check these fields: ${field}`, {
    errors: [{ field, message }],
  });

/**
 * Volunteering: programs found on a public list, volunteers admitted by coordinators, shifts
 * whose capacity holds under sign-ups sent at once (they take turns on the shift's row) with a
 * waiting list promoted in order, hours logged and decided (never deleted), and the CPD credits
 * approved hours propose, which the member accepts into their CPD record.
 */
@Injectable()
export class VolunteeringService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: VolunteeringRepository,
    private readonly credentials: CredentialsPort,
    private readonly memberships: MembershipPort,
    private readonly cpd: CpdPort,
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {}

  // Programs and shifts

  async createProgram(actor: Actor, dto: CreateProgramDto): Promise<ProgramResponse> {
    if (dto.endsOn < dto.startsOn) throw validation('endsOn', 'endsOn must not be before startsOn');
    const id = await this.transactions.run(async (manager) => {
      const programId = await this.repository.insertProgram(manager, {
        title: dto.title,
        description: dto.description,
        cause: dto.cause,
        chapterId: dto.chapterId ?? null,
        place: dto.place,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        openTo: dto.openTo,
        requiredCredentialTypeId: dto.requiredCredentialTypeId ?? null,
      });
      await this.audit.record(manager, actor, {
        action: 'volunteer_program.created',
        entityType: 'volunteer_program',
        entityId: programId,
        after: { ...dto },
      });
      return programId;
    });
    return toProgram((await this.repository.program(this.transactions.reader, id))!);
  }

  async updateProgram(actor: Actor, id: string, dto: UpdateProgramDto): Promise<ProgramResponse> {
    await this.transactions.run(async (manager) => {
      const program = await this.repository.lockProgram(manager, id);
      if (!program) throw notFound(PROGRAM, id);
      await this.repository.setProgramStatus(manager, id, dto.status);
      await this.audit.record(manager, actor, {
        action: 'volunteer_program.updated',
        entityType: 'volunteer_program',
        entityId: id,
        before: { status: program.status },
        after: { status: dto.status },
      });
    });
    return toProgram((await this.repository.program(this.transactions.reader, id))!);
  }

  /** The public list: open programs not yet over, public fields only. */
  async openPrograms(query: PageQuery): Promise<ProgramPage> {
    const { rows, total } = await this.repository.openPrograms(
      this.transactions.reader,
      this.calendar.today(),
      query.offset,
      query.pageSize,
    );
    return page(query, rows.map(toProgram), total);
  }

  /** One open program's public page, with the shifts still to come and their places. */
  async publicProgram(id: string): Promise<PublicProgramResponse> {
    const program = await this.repository.program(this.transactions.reader, id);
    if (!program || program.status !== 'open' || program.endsOn < this.calendar.today()) {
      throw notFound(PROGRAM, id);
    }
    const shifts = await this.repository.shiftsOf(this.transactions.reader, id, new Date());
    return { ...toProgram(program), shifts: shifts.map(toShift) };
  }

  async addShift(actor: Actor, programId: string, dto: CreateShiftDto): Promise<ShiftResponse> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt) throw validation('endsAt', 'endsAt must be after startsAt');
    const id = await this.transactions.run(async (manager) => {
      if (!(await this.repository.lockProgram(manager, programId)))
        throw notFound(PROGRAM, programId);
      const shiftId = await this.repository.insertShift(manager, {
        programId,
        role: dto.role,
        startsAt,
        endsAt,
        capacity: dto.capacity,
        place: dto.place ?? null,
        requiredCredentialTypeId: dto.requiredCredentialTypeId ?? null,
      });
      await this.audit.record(manager, actor, {
        action: 'volunteer_shift.created',
        entityType: 'volunteer_shift',
        entityId: shiftId,
        after: { programId, ...dto },
      });
      return shiftId;
    });
    return toShift((await this.repository.shift(this.transactions.reader, id))!);
  }

  // Volunteers

  /**
   * A person applies to an open program: members only where it says so, with the credential it
   * requires valid today; otherwise 422 naming the reason. Anyone without an account registers
   * first (POST /auth/register makes the person record and the account).
   */
  async apply(actor: Actor, programId: string, dto: ApplyDto): Promise<VolunteerResponse> {
    requireAccount(actor);
    const personId = (isStaffActor(actor) && dto.personId) || requireOwnPerson(actor);
    await this.access.requirePerson(actor, personId);
    const program = await this.repository.program(this.transactions.reader, programId);
    if (!program) throw notFound(PROGRAM, programId);
    this.requireOpen(program);
    await this.requireEligible(personId, program, program.requiredCredentialTypeId);
    const id = await this.transactions.run(async (manager) => {
      const locked = (await this.repository.lockProgram(manager, programId))!;
      this.requireOpen(locked);
      const volunteerId = await this.repository.insertVolunteer(manager, {
        programId,
        personId,
        motivation: dto.motivation ?? null,
      });
      await this.audit.record(manager, actor, {
        action: 'volunteer.applied',
        entityType: 'volunteer',
        entityId: volunteerId,
        after: { programId, personId },
      });
      return volunteerId;
    });
    return this.volunteer(actor, id);
  }

  /** applicant -> approved -> archived; archiving needs a reason, approval checks again. */
  async decideVolunteer(
    actor: Actor,
    id: string,
    dto: DecideVolunteerDto,
  ): Promise<VolunteerResponse> {
    const account = requireAccount(actor);
    if (dto.decision === 'archived' && !dto.reason) {
      throw new VolunteeringError('reason-required', 'Archiving a volunteer needs a reason');
    }
    const found = await this.repository.volunteer(this.transactions.reader, id);
    if (!found) throw notFound(VOLUNTEER, id);
    if (dto.decision === 'approved') {
      const program = (await this.repository.program(this.transactions.reader, found.programId))!;
      await this.requireEligible(found.personId, program, program.requiredCredentialTypeId);
    }
    await this.transactions.run(async (manager) => {
      const volunteer = (await this.repository.lockVolunteer(manager, id))!;
      if (volunteerMove(volunteer.status, dto.decision) === 'not-allowed') {
        throw new VolunteeringError(
          'volunteer-decision-not-allowed',
          `The volunteer is ${volunteer.status}: they cannot be ${dto.decision}`,
          { currentStatus: volunteer.status },
        );
      }
      await this.repository.decideVolunteer(manager, id, {
        status: dto.decision,
        reason: dto.reason ?? null,
        decidedAt: new Date(),
        decidedByAccountId: account.accountId,
      });
      await this.audit.record(manager, actor, {
        action: `volunteer.${dto.decision}`,
        entityType: 'volunteer',
        entityId: id,
        before: { status: volunteer.status },
        after: { status: dto.decision, reason: dto.reason ?? null },
      });
    });
    return this.volunteer(actor, id);
  }

  async volunteers(actor: Actor, query: VolunteersQuery): Promise<VolunteerPage> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    const { rows, total } = await this.repository.volunteers(
      this.transactions.reader,
      { programId: query.programId, status: query.status, personId },
      query.offset,
      query.pageSize,
    );
    return page(query, rows.map(toVolunteer), total);
  }

  async volunteer(actor: Actor, id: string): Promise<VolunteerResponse> {
    await this.requireVolunteerAccess(actor, id);
    const row = await this.repository.volunteer(this.transactions.reader, id);
    if (!row) throw notFound(VOLUNTEER, id);
    return toVolunteer(row);
  }

  // Shifts: sign-up, waiting list, cancellation, calendar

  /**
   * An approved volunteer of the program takes a place on the shift, or the next place on its
   * waiting list once it is full. Sign-ups of one shift take turns on its row, so however many
   * arrive at once, no more are confirmed than its capacity.
   */
  async signUp(actor: Actor, shiftId: string, dto: SignUpDto): Promise<SignupResponse> {
    requireAccount(actor);
    const shift = await this.repository.shift(this.transactions.reader, shiftId);
    if (!shift) throw notFound(SHIFT, shiftId);
    const volunteer = await this.volunteerFor(actor, shift.programId, dto.volunteerId);
    const program = (await this.repository.program(this.transactions.reader, shift.programId))!;
    this.requireOpen(program);
    await this.requireEligible(volunteer.personId, null, shift.requiredCredentialTypeId);
    const id = await this.transactions.run(async (manager) => {
      const locked = (await this.repository.lockShift(manager, shiftId))!;
      const confirmed = await this.repository.countConfirmed(manager, shiftId);
      const status = confirmed < locked.capacity ? 'confirmed' : 'waiting';
      const signupId = await this.repository.insertSignup(manager, {
        shiftId,
        volunteerId: volunteer.id,
        status,
      });
      await this.audit.record(manager, actor, {
        action: 'shift.signed_up',
        entityType: 'shift_signup',
        entityId: signupId,
        after: { shiftId, volunteerId: volunteer.id, status },
      });
      return signupId;
    });
    return (await this.repository.signup(this.transactions.reader, id))!;
  }

  /** A cancellation frees a confirmed place, which the first on the waiting list takes. */
  async cancelSignup(actor: Actor, id: string): Promise<SignupResponse> {
    await this.access.require(actor, SIGNUP, id, (ids) =>
      this.repository.ownersOf(this.transactions.reader, 'signup', ids),
    );
    const found = await this.repository.signup(this.transactions.reader, id);
    if (!found) throw notFound(SIGNUP, id);
    await this.transactions.run(async (manager) => {
      // The shift's row first, as a sign-up takes it: the two never wait on each other.
      await this.repository.lockShift(manager, found.shiftId);
      const signup = (await this.repository.lockSignup(manager, id))!;
      if (signup.status === 'cancelled') {
        throw new VolunteeringError('signup-cancelled', 'The sign-up is cancelled already');
      }
      await this.repository.cancelSignup(manager, id);
      const promoted =
        signup.status === 'confirmed'
          ? await this.repository.promoteFirstWaiting(manager, signup.shiftId)
          : null;
      await this.audit.record(manager, actor, {
        action: 'shift.cancelled',
        entityType: 'shift_signup',
        entityId: id,
        before: { status: signup.status },
        after: { status: 'cancelled', promoted },
      });
    });
    return (await this.repository.signup(this.transactions.reader, id))!;
  }

  async roster(shiftId: string): Promise<SignupResponse[]> {
    if (!(await this.repository.shift(this.transactions.reader, shiftId))) {
      throw notFound(SHIFT, shiftId);
    }
    return this.repository.signupsOf(this.transactions.reader, shiftId);
  }

  /**
   * A new address for the signed-in person's calendar of shifts: a secret token a phone's
   * calendar app sends instead of a sign-in. Shown once; a new one replaces the old.
   */
  async newCalendarFeed(actor: Actor): Promise<{ url: string }> {
    const personId = requireOwnPerson(actor);
    const token = randomBytes(24).toString('base64url');
    await this.transactions.run(async (manager) => {
      await this.repository.saveCalendarFeed(manager, personId, hashToken(token));
      await this.audit.record(manager, actor, {
        action: 'volunteer_calendar.created',
        entityType: 'person',
        entityId: personId,
      });
    });
    const base = this.config.get('publicBaseUrl', { infer: true });
    return { url: `${base}/volunteering/calendar/${token}` };
  }

  async calendarFeed(token: string): Promise<string> {
    const personId = await this.repository.personOfFeed(this.transactions.reader, hashToken(token));
    if (!personId) throw notFound('Calendar feed', token);
    const shifts = await this.repository.calendarShifts(this.transactions.reader, personId);
    return shiftsCalendar(this.config.get('associationName', { infer: true }), shifts);
  }

  // Hours

  /**
   * Hours logged by the volunteer wait for a coordinator; hours a coordinator records are approved
   * as recorded. A correction names the approved entry it corrects and takes its place once
   * approved; nothing is deleted.
   */
  async logHours(actor: Actor, volunteerId: string, dto: LogHoursDto): Promise<HoursResponse> {
    const account = requireAccount(actor);
    await this.requireVolunteerAccess(actor, volunteerId);
    const volunteer = await this.repository.volunteer(this.transactions.reader, volunteerId);
    if (!volunteer) throw notFound(VOLUNTEER, volunteerId);
    if (volunteer.status !== 'approved') {
      throw new VolunteeringError(
        'volunteer-not-approved',
        `The volunteer is ${volunteer.status}: only approved volunteers log hours`,
      );
    }
    if (dto.workedOn > this.calendar.today()) {
      throw validation('workedOn', 'workedOn must not be after today');
    }
    if (dto.shiftId) {
      const shift = await this.repository.shift(this.transactions.reader, dto.shiftId);
      if (!shift || shift.programId !== volunteer.programId) {
        throw validation('shiftId', 'shiftId must be a shift of the volunteer’s program');
      }
    }
    const byCoordinator = isStaffActor(actor);
    const id = await this.transactions.run(async (manager) => {
      if (dto.correctsId) await this.requireCorrectable(manager, dto.correctsId, volunteerId);
      const hoursId = await this.repository.insertHours(manager, {
        volunteerId,
        shiftId: dto.shiftId ?? null,
        workedOn: dto.workedOn,
        hours: dto.hours,
        note: dto.note ?? null,
        recordedBy: byCoordinator ? 'coordinator' : 'volunteer',
        status: byCoordinator ? 'approved' : 'pending',
        correctsId: dto.correctsId ?? null,
        loggedByAccountId: account.accountId,
        decidedAt: byCoordinator ? new Date() : null,
        decidedByAccountId: byCoordinator ? account.accountId : null,
      });
      await this.audit.record(manager, actor, {
        action: byCoordinator ? 'volunteer_hours.recorded' : 'volunteer_hours.logged',
        entityType: 'volunteer_hours',
        entityId: hoursId,
        after: { volunteerId, ...dto },
      });
      if (byCoordinator) await this.approved(manager, hoursId, volunteer);
      return hoursId;
    });
    return this.hoursEntry(id);
  }

  /** A coordinator approves or declines (with a reason) hours a volunteer logged. */
  async decideHours(actor: Actor, id: string, dto: DecideHoursDto): Promise<HoursResponse> {
    const account = requireAccount(actor);
    if (dto.decision === 'declined' && !dto.reason) {
      throw new VolunteeringError('reason-required', 'Declining hours needs a reason');
    }
    await this.transactions.run(async (manager) => {
      const hours = await this.repository.lockHours(manager, id);
      if (!hours) throw notFound(HOURS, id);
      if (hours.status !== 'pending') {
        throw new VolunteeringError('hours-decided', `The hours are ${hours.status} already`, {
          currentStatus: hours.status,
        });
      }
      await this.repository.decideHours(manager, id, {
        status: dto.decision,
        reason: dto.reason ?? null,
        decidedAt: new Date(),
        decidedByAccountId: account.accountId,
      });
      await this.audit.record(manager, actor, {
        action: `volunteer_hours.${dto.decision}`,
        entityType: 'volunteer_hours',
        entityId: id,
        before: { status: 'pending' },
        after: { status: dto.decision, reason: dto.reason ?? null },
      });
      if (dto.decision === 'approved') {
        const volunteer = (await this.repository.volunteer(manager, hours.volunteerId))!;
        await this.approved(manager, id, volunteer);
      }
    });
    return this.hoursEntry(id);
  }

  async hours(actor: Actor, query: HoursQuery): Promise<HoursPage> {
    const personId = isStaffActor(actor) ? undefined : requireOwnPerson(actor);
    const { rows, total } = await this.repository.hours(
      this.transactions.reader,
      {
        programId: query.programId,
        volunteerId: query.volunteerId,
        status: query.status,
        personId,
      },
      query.offset,
      query.pageSize,
    );
    return page(query, rows.map(toHours), total);
  }

  // Credits

  async proposals(actor: Actor, query: ProposalsQuery): Promise<ProposalPage> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    const { rows, total } = await this.repository.proposals(
      this.transactions.reader,
      { personId, status: query.status },
      query.offset,
      query.pageSize,
    );
    return page(query, rows.map(toProposal), total);
  }

  /**
   * The member accepts proposed credits into their CPD record (a credit with the hours as its
   * evidence, counted toward every obligation it fits) or declines them; once.
   */
  async decideProposal(
    actor: Actor,
    id: string,
    dto: DecideProposalDto,
  ): Promise<ProposalResponse> {
    await this.access.require(actor, PROPOSAL, id, (ids) =>
      this.repository.ownersOf(this.transactions.reader, 'proposal', ids),
    );
    await this.transactions.run(async (manager) => {
      const proposal = await this.repository.lockProposal(manager, id);
      if (!proposal) throw notFound(PROPOSAL, id);
      if (proposal.status !== 'proposed') {
        throw new VolunteeringError(
          'proposal-decided',
          `The proposal is ${proposal.status} already`,
          { currentStatus: proposal.status },
        );
      }
      await this.repository.setProposalStatus(manager, id, dto.decision);
      if (dto.decision === 'accepted') {
        await this.cpd.recordVolunteeredCredit(manager, {
          personId: proposal.personId,
          title: proposal.title,
          domain: proposal.domain,
          category: proposal.category,
          earnedOn: proposal.earnedOn,
          credits: proposal.credits,
          volunteerHoursId: proposal.hoursId,
        });
      }
      await this.audit.record(manager, actor, {
        action: `volunteer_credit_proposal.${dto.decision}`,
        entityType: 'volunteer_credit_proposal',
        entityId: id,
        before: { status: 'proposed' },
        after: { status: dto.decision, credits: proposal.credits },
      });
    });
    return toProposal((await this.repository.findProposal(this.transactions.reader, id))!);
  }

  async creditRules(): Promise<CreditRuleResponse[]> {
    return (await this.repository.rules(this.transactions.reader)).map((rule) => ({
      id: rule.id,
      effectiveFrom: rule.effectiveFrom,
      hoursPerCredit: rule.hoursPerCredit,
      domain: rule.domain,
      category: rule.category,
    }));
  }

  /** A new rule from a day on; hours worked before it keep the rule then in force. */
  async addCreditRule(actor: Actor, dto: CreateCreditRuleDto): Promise<CreditRuleResponse[]> {
    await this.cpd.requireKnownDomain(this.transactions.reader, dto.domain, 'domain');
    await this.transactions.run(async (manager) => {
      const id = await this.repository.insertRule(manager, { ...dto });
      await this.audit.record(manager, actor, {
        action: 'volunteer_credit_rule.created',
        entityType: 'volunteer_credit_rule',
        entityId: id,
        after: { ...dto },
      });
    });
    return this.creditRules();
  }

  // Reports

  async hoursReport(query: HoursReportQuery): Promise<HoursReportRow[]> {
    return this.repository.hoursReport(
      this.transactions.reader,
      query.by,
      query.from ?? null,
      query.to ?? null,
    );
  }

  hoursReportCsv(rows: HoursReportRow[]): string {
    return [
      csvRow(['key', 'name', 'volunteers', 'entries', 'hours']),
      ...rows.map((row) => csvRow([row.key, row.name, row.volunteers, row.entries, row.hours])),
    ].join('');
  }

  async certificate(actor: Actor, volunteerId: string): Promise<Buffer> {
    await this.requireVolunteerAccess(actor, volunteerId);
    const volunteer = await this.repository.volunteer(this.transactions.reader, volunteerId);
    if (!volunteer) throw notFound(VOLUNTEER, volunteerId);
    const program = (await this.repository.program(this.transactions.reader, volunteer.programId))!;
    const service = await this.repository.serviceOf(this.transactions.reader, volunteerId);
    return renderServiceCertificate(
      {
        fullName: volunteer.fullName,
        programTitle: program.title,
        cause: program.cause,
        place: program.place,
        hours: service.hours,
        firstDay: service.firstDay,
        lastDay: service.lastDay,
        issuedOn: this.calendar.today(),
      },
      this.config.get('associationName', { infer: true }),
    );
  }

  // The rules of the module's steps

  private requireOpen(program: { status: string; title?: string }): void {
    if (program.status !== 'open') {
      throw new VolunteeringError(
        'program-closed',
        `The program ${program.title ? `"${program.title}" ` : ''}is closed`,
      );
    }
  }

  /**
   * Who may join: a member where the program is for members (active or in grace today), and a
   * holder of the credential a program or role requires, valid today. The reason is named.
   */
  private async requireEligible(
    personId: string,
    program: ProgramRow | null,
    credentialTypeId: string | null,
  ): Promise<void> {
    if (program?.openTo === 'members') {
      const status = await this.memberships.statusOfPerson(this.transactions.reader, personId);
      if (status !== 'active' && status !== 'grace') {
        throw new VolunteeringError(
          'volunteer-requirements-unmet',
          `The program is open to members only, and this person's membership is ${status ?? 'none'}`,
          { requirement: 'membership', membershipStatus: status },
        );
      }
    }
    if (credentialTypeId) {
      const { code, held } = await this.credentials.holdsValid(
        this.transactions.reader,
        personId,
        credentialTypeId,
      );
      if (!held) {
        throw new VolunteeringError(
          'volunteer-requirements-unmet',
          `A valid ${code} is required, and this person holds none valid today`,
          { requirement: 'credential', credentialType: code },
        );
      }
    }
  }

  /** The volunteer a sign-up is for: staff name one, a member is their own in the program. */
  private async volunteerFor(
    actor: Actor,
    programId: string,
    volunteerId: string | undefined,
  ): Promise<{ id: string; personId: string }> {
    const volunteer =
      isStaffActor(actor) && volunteerId
        ? await this.repository.volunteer(this.transactions.reader, volunteerId)
        : await this.repository.volunteerOf(
            this.transactions.reader,
            programId,
            requireOwnPerson(actor),
          );
    if (!volunteer || volunteer.programId !== programId || volunteer.status !== 'approved') {
      throw new VolunteeringError(
        'volunteer-not-approved',
        'Only an approved volunteer of this program signs up for its shifts',
      );
    }
    return volunteer;
  }

  private async requireCorrectable(
    manager: EntityManager,
    correctsId: string,
    volunteerId: string,
  ): Promise<void> {
    const corrected = await this.repository.findHours(manager, correctsId);
    if (
      !corrected ||
      corrected.volunteerId !== volunteerId ||
      corrected.status !== 'approved' ||
      corrected.supersededById !== null
    ) {
      throw new VolunteeringError(
        'hours-not-correctable',
        'Only approved hours of this volunteer, not corrected before, are corrected',
      );
    }
  }

  /**
   * Approved hours: where they correct an entry, that entry is superseded and its credits go
   * (a proposal withdrawn, a credit accepted from it removed from the CPD record); then the
   * hours propose credits by the rule in force on the day worked.
   */
  private async approved(
    manager: EntityManager,
    hoursId: string,
    volunteer: VolunteerRow,
  ): Promise<void> {
    const hours = (await this.repository.findHours(manager, hoursId))!;
    if (hours.correctsId) {
      const corrected = await this.repository.lockHours(manager, hours.correctsId);
      if (!corrected || corrected.supersededById !== null || corrected.status !== 'approved') {
        throw new VolunteeringError(
          'hours-not-correctable',
          'The hours this entry corrects were corrected already',
        );
      }
      await this.repository.supersede(manager, corrected.id, hoursId);
      const proposal = await this.repository.lockProposalOfHours(manager, corrected.id);
      if (proposal && (proposal.status === 'proposed' || proposal.status === 'accepted')) {
        await this.repository.setProposalStatus(manager, proposal.id, 'withdrawn');
        if (proposal.status === 'accepted') {
          await this.cpd.removeVolunteeredCredit(
            manager,
            corrected.id,
            this.calendar.today(),
            `Volunteer hours of ${corrected.workedOn} corrected`,
          );
        }
      }
    }
    const rule = await this.repository.ruleOn(manager, hours.workedOn);
    if (!rule) return;
    const credits = creditsForHours(hours.hours, rule.hoursPerCredit);
    if (credits <= 0) return;
    await this.repository.insertProposal(manager, {
      hoursId,
      personId: volunteer.personId,
      title: `Volunteering: ${volunteer.programTitle}, ${hours.hours} h on ${hours.workedOn}`.slice(
        0,
        300,
      ),
      domain: rule.domain,
      category: rule.category,
      earnedOn: hours.workedOn,
      credits,
    });
  }

  private async hoursEntry(id: string): Promise<HoursResponse> {
    const hours = (await this.repository.findHours(this.transactions.reader, id))!;
    const volunteer = (await this.repository.volunteer(
      this.transactions.reader,
      hours.volunteerId,
    ))!;
    return toHours({ ...hours, personId: volunteer.personId });
  }

  private async requireVolunteerAccess(actor: Actor, id: string): Promise<void> {
    await this.access.require(actor, VOLUNTEER, id, (ids) =>
      this.repository.ownersOf(this.transactions.reader, 'volunteer', ids),
    );
  }
}

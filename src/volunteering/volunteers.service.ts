import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { notFound } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';
import { Transactions } from 'src/database/transactions';
import type {
  ApplyDto,
  DecideVolunteerDto,
  VolunteerPage,
  VolunteerResponse,
  VolunteersQuery,
} from 'src/volunteering/dto/volunteering.dto';
import { renderServiceCertificate } from 'src/volunteering/volunteering-documents';
import { volunteerMove } from 'src/volunteering/volunteering-rules';
import { VolunteeringError } from 'src/volunteering/volunteering.errors';
import { VolunteeringRepository } from 'src/volunteering/volunteering.repository';

import { page, PROGRAM, toVolunteer, VOLUNTEER } from 'src/volunteering/volunteering-views';
import { VolunteerChecks } from 'src/volunteering/volunteer-checks';

/** Volunteers: people who apply to a program, admitted by its coordinator, and their certificate of service. */
@Injectable()
export class VolunteersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: VolunteeringRepository,
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly config: ConfigService<RuntimeSettings, true>,
    private readonly checks: VolunteerChecks,
  ) {}

  /**
   * A person applies to an open program: members only where it says so, with the credential it
   * requires valid today; otherwise 422 naming the reason. Anyone without an account registers
   * first (POST /auth/register makes the person record and the account).
   */
  async apply(actor: Actor, programId: string, dto: ApplyDto): Promise<VolunteerResponse> {
    requireAccount(actor);
    const personId = await this.access.requireNamedPerson(actor, dto.personId);
    const program = await this.repository.program(this.transactions.reader, programId);
    if (!program) throw notFound(PROGRAM, programId);
    this.checks.requireOpen(program);
    await this.checks.requireEligible(personId, program, program.requiredCredentialTypeId);
    const id = await this.transactions.run(async (manager) => {
      const locked = (await this.repository.lockProgram(manager, programId))!;
      this.checks.requireOpen(locked);
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
      await this.checks.requireEligible(found.personId, program, program.requiredCredentialTypeId);
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
    await this.checks.requireVolunteerAccess(actor, id);
    const row = await this.repository.volunteer(this.transactions.reader, id);
    if (!row) throw notFound(VOLUNTEER, id);
    return toVolunteer(row);
  }

  async certificate(actor: Actor, volunteerId: string): Promise<Buffer> {
    await this.checks.requireVolunteerAccess(actor, volunteerId);
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
}

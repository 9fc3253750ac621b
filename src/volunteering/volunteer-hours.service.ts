import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { csvRow } from 'src/common/csv';
import { notFound } from 'src/common/errors/app-error';
import { CpdPort } from 'src/cpd/cpd.port';
import { Transactions } from 'src/database/transactions';
import type {
  CreateCreditRuleDto,
  CreditRuleResponse,
  DecideHoursDto,
  DecideProposalDto,
  HoursPage,
  HoursQuery,
  HoursReportQuery,
  HoursReportRow,
  HoursResponse,
  LogHoursDto,
  ProposalPage,
  ProposalResponse,
  ProposalsQuery,
} from 'src/volunteering/dto/volunteering.dto';
import { creditsForHours } from 'src/volunteering/volunteering-rules';
import { VolunteeringError } from 'src/volunteering/volunteering.errors';
import {
  VolunteeringRepository,
  type VolunteerRow,
} from 'src/volunteering/volunteering.repository';

import {
  HOURS,
  page,
  PROPOSAL,
  toHours,
  toProposal,
  validation,
  VOLUNTEER,
} from 'src/volunteering/volunteering-views';
import { VolunteerChecks } from 'src/volunteering/volunteer-checks';

/**
 * Hours logged and decided (never deleted, a correction supersedes), the CPD credits approved
 * hours propose, which the member accepts into their CPD record, and the reports of hours.
 */
@Injectable()
export class VolunteerHoursService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: VolunteeringRepository,
    private readonly cpd: CpdPort,
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly checks: VolunteerChecks,
  ) {}

  /**
   * Hours logged by the volunteer wait for a coordinator; hours a coordinator records are approved
   * as recorded. A correction names the approved entry it corrects and takes its place once
   * approved; nothing is deleted.
   */
  async logHours(actor: Actor, volunteerId: string, dto: LogHoursDto): Promise<HoursResponse> {
    const account = requireAccount(actor);
    await this.checks.requireVolunteerAccess(actor, volunteerId);
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
}

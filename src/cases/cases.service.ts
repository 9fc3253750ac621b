import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { Access, requireAccount } from 'src/auth/access';
import type { AccountActor, Actor } from 'src/auth/principal';
import {
  canMoveCase,
  ethicsStanding,
  isClosed,
  nextStatuses,
  type CaseStatus,
} from 'src/cases/case-rules';
import { CasesError } from 'src/cases/cases.errors';
import { CASE, CaseAccess } from 'src/cases/case-access';
import { CaseSanctions } from 'src/cases/case-sanctions';
import { CaseViews } from 'src/cases/case-views';
import { CasesRepository } from 'src/cases/cases.repository';
import type {
  CaseAnswerDto,
  CaseNoteDto,
  EthicsStandingResponse,
  NoticeDto,
  CaseResponse,
  CasesQuery,
  ComplaintReceipt,
  LodgeOnBehalfDto,
  MatchRespondentDto,
  MoveCaseDto,
  SanctionRulingDto,
} from 'src/cases/dto/case.dto';
import { appealWindow } from 'src/cases/case-clocks';
import { requireDecisionShape } from 'src/cases/case-decisions';
import type { EthicsCase } from 'src/cases/entities/ethics-case.entity';
import { Calendar } from 'src/common/calendar';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page } from 'src/common/paging';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { Transactions } from 'src/database/transactions';
import { MembershipPort } from 'src/membership/membership.port';
import { PeoplePort } from 'src/people/people.port';
import { ProfessionsPort } from 'src/professions/professions.port';

/** Matches no one: an account without a person record answers no case. */
const NO_PERSON = '00000000-0000-0000-0000-000000000000';
/** Crockford's base32 without look-alikes: a reference read over the phone stays right. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newReference = () =>
  `ADU-${Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(32)]).join('')}`;

/**
 * Complaints and the ethics cases they open, step by step: lodging, matching the respondent,
 * moves through the procedure, notes, answers and notices. Who may see a case is
 * case-access.ts; what a decision decides and does, case-sanctions.ts; who runs it,
 * case-staffing.service.ts; its clocks, case-clocks.service.ts. Every read by staff is kept.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CasesRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly memberships: MembershipPort,
    private readonly credentials: CredentialsPort,
    private readonly people: PeoplePort,
    private readonly access: CaseAccess,
    private readonly views: CaseViews,
    private readonly sanctions: CaseSanctions,
    private readonly personAccess: Access,
    private readonly professions: ProfessionsPort,
  ) {}

  get(actor: Actor, id: string): Promise<CaseResponse> {
    return this.views.get(actor, id);
  }

  /**
   * Lodges a complaint and opens its case, in one transaction. The public names the professional
   * by member or credential number; staff may match a person record, or give a name to match
   * later.
   */
  async lodge(actor: Actor, dto: LodgeOnBehalfDto, onBehalf: boolean): Promise<ComplaintReceipt> {
    const respondentPersonId = await this.respondentOf(dto, onBehalf);
    const today = this.calendar.today();
    const lodgedBy = actor.kind === 'account' ? actor.accountId : null;
    const evidenceKey = randomBytes(24).toString('base64url');
    const complaint = await this.transactions.run(async (manager) => {
      // The case follows its respondent's profession: its procedure and its sanctions.
      const professionId = await this.professionOfRespondent(manager, dto, respondentPersonId);
      const procedure = await this.repository.procedureInForce(manager, today, professionId);
      const lodged = await this.repository.insertComplaint(manager, {
        reference: newReference(),
        complainantName: dto.complainant.name,
        complainantEmail: dto.complainant.email ?? null,
        complainantPhone: dto.complainant.phone ?? null,
        discloseToRespondent: dto.complainant.discloseToRespondent ?? false,
        respondentNumber: dto.respondent.memberNumber ?? dto.respondent.credentialNumber ?? null,
        respondentName: dto.respondent.name ?? null,
        whatHappened: dto.whatHappened,
        happenedOn: dto.happenedOn ?? null,
        lodgedByAccountId: lodgedBy,
        evidenceKeySha256: sha256(evidenceKey),
      });
      const caseId = await this.repository.insertCase(manager, {
        complaintId: lodged.id,
        respondentPersonId,
        status: 'received',
        statusChangedOn: today,
        procedureId: procedure?.id ?? null,
        professionId,
      });
      await this.repository.insertEvent(manager, {
        caseId,
        kind: 'opened',
        toStatus: 'received',
        actorAccountId: lodgedBy,
        occurredOn: today,
      });
      // The complainant's contact details stay out of the audit trail.
      await this.audit.record(manager, actor, {
        action: 'ethics_case.opened',
        entityType: 'ethics_case',
        entityId: caseId,
        after: { reference: lodged.reference, respondentPersonId, onBehalf },
      });
      return lodged;
    });
    return {
      reference: complaint.reference,
      lodgedAt: complaint.lodgedAt,
      evidenceKey,
      evidenceUrl: `/cases/complaints/${complaint.reference}/evidence`,
      receipt:
        `Your complaint was received on ${today} under reference ${complaint.reference}. ` +
        'The honour council screens it first; quote the reference when you write to us. ' +
        (complaint.discloseToRespondent
          ? 'You agreed that the professional may see who you are.'
          : 'Your contact details are kept confidential.'),
    };
  }

  async list(actor: Actor, query: CasesQuery): Promise<Page<CaseResponse>> {
    const account = requireAccount(actor);
    const qb = this.repository.pageQuery({
      status: query.status,
      assignedTo: account.roles.includes('admin') ? undefined : account.accountId,
    });
    return this.views.pageOf(qb, query, 'staff');
  }

  /**
   * A person's ethics standing on a day (today by default), from cases and sanctions: for staff,
   * since "under investigation" is confidential. What the public sees of it is the statuses of
   * the membership and credentials that a public sanction changed.
   */
  async standing(actor: Actor, personId: string, asOf?: string): Promise<EthicsStandingResponse> {
    await this.personAccess.requirePerson(actor, personId);
    const day = asOf ?? this.calendar.today();
    const reader = this.transactions.reader;
    const sanctions = await this.repository.sanctionsInEffectOn(reader, personId, day);
    const openInvestigations = await this.repository.openInvestigationsOn(reader, personId, day);
    return {
      personId,
      asOf: day,
      standing: ethicsStanding({ sanctionsInEffect: sanctions.length, openInvestigations }),
      openInvestigations,
      sanctions: sanctions.map((sanction) => ({
        type: sanction.sanctionType!.code,
        name: sanction.sanctionType!.name,
        effect: sanction.sanctionType!.effect,
        public: sanction.sanctionType!.public,
        startsOn: sanction.startsOn!,
        endsOn: sanction.endsOn,
        dueOn: sanction.dueOn,
      })),
    };
  }

  /** The respondent's own cases, redacted. */
  async mine(actor: Actor, query: CasesQuery): Promise<Page<CaseResponse>> {
    const account = requireAccount(actor);
    const qb = this.repository.pageQuery({
      status: query.status,
      respondentPersonId: account.personId ?? NO_PERSON,
    });
    return this.views.pageOf(qb, query, 'respondent');
  }

  /**
   * Moves a case one step of the procedure, dated and reasoned; a wrong move names where it
   * stands. An appeal opens a case of its own before the appeal council; its decision moves the
   * first case to appeal_decided, and either becoming final makes both final.
   */
  async move(actor: Actor, id: string, dto: MoveCaseDto): Promise<CaseResponse> {
    const account = await this.access.requireStaffOn(actor, id);
    const today = this.calendar.today();
    requireDecisionShape(dto);
    // One transaction for the move and all it sets off: a final sanction changes the membership
    // and the credentials through their ports, in it; any refusal undoes it all.
    await this.transactions.run(async (manager) => {
      const { current, first, appeal } = await this.lockWithAppeal(manager, id);
      if (!canMoveCase(current.status, dto.to, current.body)) {
        const next = nextStatuses(current.status, current.body);
        const where = isClosed(current.status)
          ? 'is closed'
          : next.length
            ? `moves only to ${next.join(' or ')}`
            : `waits for the appeal council's decision in case ${appeal?.id}`;
        throw new CasesError(
          'case-move-refused',
          `The case is ${current.status}: it ${where}, not to ${dto.to}`,
          { currentStatus: current.status, allowed: next },
        );
      }
      const on = dto.on ?? today;
      if (on < current.statusChangedOn) {
        throw new AppError('validation-failed', 'Check these fields: on', {
          errors: [
            {
              field: 'on',
              message: `on must not be before ${current.statusChangedOn}, when the case became ${current.status}`,
            },
          ],
        });
      }
      await this.requireProcedureAllows(manager, current, dto, on);
      if (dto.appealWaived) {
        await this.repository.insertEvent(manager, {
          caseId: current.id,
          kind: 'appeal_waived',
          text: dto.appealWaived,
          actorAccountId: account.accountId,
          occurredOn: on,
        });
      }
      const step = (found: EthicsCase, to: CaseStatus, reason: string) =>
        this.step(manager, account, found, to, reason, on);
      if (dto.to === 'appeal_decided') {
        await this.repository.recordAppealOutcome(manager, first.id, dto.outcome!);
        await this.repository.recordAppealOutcome(manager, current.id, dto.outcome!);
        if (dto.outcome !== 'confirmed')
          await this.repository.supersedeDecision(manager, first.id, on);
      }
      if (dto.sanctions?.length) {
        const stage = current.body === 'appeal_council' ? 'appeal' : 'decision';
        await this.sanctions.decide(manager, first, dto.sanctions, on, stage);
      }
      await step(current, dto.to, dto.reason);
      if (dto.to === 'appeal') await this.openAppeal(manager, account, first, on);
      if (dto.to === 'appeal_decided') {
        await step(first, 'appeal_decided', `Decided on appeal (${dto.outcome}): ${dto.reason}`);
      }
      if (dto.to === 'final') {
        const other = current === first ? appeal : first;
        if (other && other.status !== 'final') await step(other, 'final', dto.reason);
        await this.sanctions.takeEffect(manager, account, first, on);
      }
    });
    return this.get(actor, id);
  }

  /**
   * The ruling of the body that decides a sanction the panel proposed (the Muktamar, on the
   * doctors' permanent removal), once, with the day and reference of its decision. Upheld on a
   * final case, the sanction takes effect from that day, in this transaction; upheld before, when
   * the case becomes final; rejected, never.
   */
  async rule(
    actor: Actor,
    id: string,
    sanctionId: string,
    dto: SanctionRulingDto,
  ): Promise<CaseResponse> {
    const account = await this.access.requireStaffOn(actor, id);
    const today = this.calendar.today();
    await this.transactions.run(async (manager) => {
      const { first } = await this.lockWithAppeal(manager, id);
      const sanction = (await this.repository.sanctionsOf(manager, [first.id])).find(
        (candidate) => candidate.id === sanctionId,
      );
      if (!sanction) throw notFound('Sanction', sanctionId);
      const type = sanction.sanctionType!;
      if (type.decidedBy === null || sanction.supersededOn !== null) {
        throw new CasesError(
          'sanction-not-referred',
          sanction.supersededOn !== null
            ? `The ${type.name} was set aside on appeal on ${sanction.supersededOn}: nothing is left to rule on`
            : `The panel decides ${type.name} itself: no other body rules on it`,
        );
      }
      if (sanction.ruling !== null) {
        throw new CasesError(
          'sanction-ruled',
          `${type.decidedBy} ${sanction.ruling} the ${type.name} on ${sanction.ruledOn} (${sanction.rulingReference})`,
        );
      }
      if (dto.ruledOn < sanction.decidedOn || dto.ruledOn > today) {
        throw new AppError('validation-failed', 'Check these fields: ruledOn', {
          errors: [
            {
              field: 'ruledOn',
              message: `ruledOn must fall between the decision (${sanction.decidedOn}) and today (${today})`,
            },
          ],
        });
      }
      await this.repository.recordRuling(manager, sanction.id, {
        ruling: dto.ruling,
        ruledOn: dto.ruledOn,
        rulingReference: dto.reference,
      });
      await this.audit.record(manager, account, {
        action: 'ethics_case.sanction_ruled',
        entityType: 'ethics_case',
        entityId: first.id,
        after: {
          sanctionId,
          type: type.code,
          decidedBy: type.decidedBy,
          ruling: dto.ruling,
          ruledOn: dto.ruledOn,
          reference: dto.reference,
        },
      });
      if (dto.ruling === 'upheld' && first.status === 'final') {
        await this.sanctions.takeEffect(manager, account, first, dto.ruledOn);
      }
    });
    return this.get(actor, id);
  }

  /**
   * What the procedure asks before a move at first instance: a hearing or a decision only once
   * the respondent was notified (or a notice could not be served, with the reason); an appeal
   * only within the appeal window (an extension, with its reason, moves its end); a decision
   * final only after the window, or earlier with the respondent's written waiver.
   */
  private async requireProcedureAllows(
    manager: EntityManager,
    current: EthicsCase,
    dto: MoveCaseDto,
    on: string,
  ): Promise<void> {
    const fromDecision = current.status === 'decided' && dto.to === 'final';
    if (dto.appealWaived && !(fromDecision && current.body === 'honour_council')) {
      throw new AppError('validation-failed', 'Check these fields: appealWaived', {
        errors: [
          {
            field: 'appealWaived',
            message: 'appealWaived goes with a decided case made final, at first instance',
          },
        ],
      });
    }
    if (current.body !== 'honour_council') return;
    const events = await this.repository.timelineOf(manager, [current.id]);
    if (
      (dto.to === 'hearing' || dto.to === 'decided') &&
      !events.some((event) => event.kind === 'notice' || event.kind === 'notice_unserved')
    ) {
      throw new CasesError(
        'notice-required',
        `The respondent has not been notified: record the notice (POST /cases/${current.id}/notices), or why none could be served ("served": false), before the ${dto.to === 'hearing' ? 'hearing' : 'decision'}`,
      );
    }
    if (current.status !== 'decided' || (dto.to !== 'appeal' && dto.to !== 'final')) return;
    const [procedure] = current.procedureId
      ? await this.repository.proceduresById(manager, [current.procedureId])
      : [];
    const window = procedure && appealWindow(procedure.clocks, events, on);
    if (!window) return;
    if (dto.to === 'appeal' && on > window.dueOn) {
      throw new CasesError(
        'appeal-window-closed',
        `The appeal window closed on ${window.dueOn}: an appeal lodged on ${on} is taken only once an extension is recorded with its reason (POST /cases/${current.id}/clocks/${window.name}/extend)`,
        { windowClosedOn: window.dueOn },
      );
    }
    if (dto.to === 'final' && on <= window.dueOn && !dto.appealWaived) {
      throw new CasesError(
        'appeal-window-open',
        `The decision may still be appealed until ${window.dueOn}: it becomes final after that, or earlier with the respondent's written waiver of appeal (appealWaived)`,
        { windowClosesOn: window.dueOn },
      );
    }
  }

  /** One dated, reasoned, audited step of a case. */
  private async step(
    manager: EntityManager,
    actor: AccountActor,
    found: EthicsCase,
    to: CaseStatus,
    reason: string,
    on: string,
  ): Promise<void> {
    await this.repository.moveTo(manager, found.id, to, on);
    await this.repository.insertEvent(manager, {
      caseId: found.id,
      kind: 'moved',
      fromStatus: found.status,
      toStatus: to,
      text: reason,
      actorAccountId: actor.accountId,
      occurredOn: on,
    });
    await this.audit.record(manager, actor, {
      action: 'ethics_case.moved',
      entityType: 'ethics_case',
      entityId: found.id,
      before: { status: found.status },
      after: { status: to, on, reason },
    });
  }

  /**
   * The appeal case before the appeal council: the same complaint and respondent, the procedure
   * version of the first case, and its own officers, timeline and clocks.
   */
  private async openAppeal(
    manager: EntityManager,
    actor: AccountActor,
    first: EthicsCase,
    on: string,
  ): Promise<void> {
    const appealId = await this.repository.insertCase(manager, {
      complaintId: first.complaintId,
      respondentPersonId: first.respondentPersonId,
      status: 'received',
      statusChangedOn: on,
      procedureId: first.procedureId,
      professionId: first.professionId,
      body: 'appeal_council',
      appealOfCaseId: first.id,
    });
    await this.repository.insertEvent(manager, {
      caseId: appealId,
      kind: 'opened',
      toStatus: 'received',
      text: `Appeal against the decision in case ${first.id}`,
      actorAccountId: actor.accountId,
      occurredOn: on,
    });
    await this.audit.record(manager, actor, {
      action: 'ethics_case.opened',
      entityType: 'ethics_case',
      entityId: appealId,
      after: { appealOfCaseId: first.id },
    });
  }

  /**
   * Locks a case with its other half: the first-instance case first, then its appeal, whichever
   * was asked for, so that two moves on the pair never wait on each other crosswise.
   */
  private async lockWithAppeal(
    manager: EntityManager,
    id: string,
  ): Promise<{ current: EthicsCase; first: EthicsCase; appeal: EthicsCase | null }> {
    const asked = await this.repository.findWithComplaint(manager, id);
    if (!asked) throw notFound(CASE, id);
    const first = await this.access.lock(manager, asked.appealOfCaseId ?? id);
    const appeal = await this.repository.lockAppealOf(manager, first.id);
    return { current: asked.appealOfCaseId ? appeal! : first, first, appeal };
  }

  /**
   * Matches a complaint that named the professional by name alone to their person record, once
   * (the appeal case, if any, follows), on the timeline with the reason. Until then the case
   * cannot take effect on anyone.
   */
  async matchRespondent(actor: Actor, id: string, dto: MatchRespondentDto): Promise<CaseResponse> {
    const account = await this.access.requireStaffOn(actor, id);
    await this.transactions.run(async (manager) => {
      const { current, first, appeal } = await this.lockWithAppeal(manager, id);
      if (isClosed(current.status)) {
        throw new CasesError('case-closed', `The case is ${current.status}: nothing more is added`);
      }
      if (current.respondentPersonId !== null) {
        throw new CasesError(
          'respondent-already-matched',
          `The case is already matched to person ${current.respondentPersonId}`,
        );
      }
      if (!(await this.people.exists(manager, dto.personId))) {
        throw new CasesError('person-not-found', `No person has id ${dto.personId}`, {
          errors: [{ field: 'personId', message: 'personId names no person record' }],
        });
      }
      // A case that could not say whose profession it follows learns it with its respondent.
      const professionId =
        first.professionId ??
        (await this.memberships.professionOfMember(manager, { personId: dto.personId }));
      for (const found of appeal ? [first, appeal] : [first]) {
        await this.repository.matchRespondent(manager, found.id, dto.personId, professionId);
        await this.repository.insertEvent(manager, {
          caseId: found.id,
          kind: 'matched',
          text: dto.reason,
          confidential: true,
          actorAccountId: account.accountId,
          occurredOn: this.calendar.today(),
        });
      }
      await this.audit.record(manager, actor, {
        action: 'ethics_case.respondent_matched',
        entityType: 'ethics_case',
        entityId: first.id,
        before: { respondentPersonId: null },
        after: { respondentPersonId: dto.personId, reason: dto.reason },
      });
    });
    return this.get(actor, id);
  }

  async note(actor: Actor, id: string, dto: CaseNoteDto): Promise<CaseResponse> {
    const account = await this.access.requireStaffOn(actor, id);
    await this.addToTimeline(actor, id, {
      kind: 'note',
      text: dto.text,
      confidential: dto.confidential ?? false,
      actorAccountId: account.accountId,
    });
    return this.get(actor, id);
  }

  /** The respondent answers through the API; to anyone else the case does not exist. */
  async answer(actor: Actor, id: string, dto: CaseAnswerDto): Promise<CaseResponse> {
    const { standing } = await this.access.standingOn(actor, id);
    if (standing !== 'respondent') throw notFound(CASE, id);
    await this.addToTimeline(actor, id, {
      kind: 'answer',
      text: dto.text,
      actorAccountId: requireAccount(actor).accountId,
    });
    return this.get(actor, id);
  }

  private async addToTimeline(
    actor: Actor,
    id: string,
    entry: {
      kind: 'note' | 'answer' | 'notice' | 'notice_unserved';
      text: string;
      confidential?: boolean;
      actorAccountId: string;
    },
  ): Promise<void> {
    await this.transactions.run(async (manager) => {
      const current = await this.access.lock(manager, id);
      if (isClosed(current.status)) {
        throw new CasesError('case-closed', `The case is ${current.status}: nothing more is added`);
      }
      await this.repository.insertEvent(manager, {
        caseId: id,
        ...entry,
        occurredOn: this.calendar.today(),
      });
      await this.audit.record(manager, actor, {
        action: `ethics_case.${entry.kind}`,
        entityType: 'ethics_case',
        entityId: id,
        after: { confidential: entry.confidential ?? false },
      });
    });
  }

  /**
   * The profession of the professional complained about: of the membership or credential the
   * complaint names by number, else of the person's latest membership; null if none is known.
   */
  private async professionOfRespondent(
    manager: EntityManager,
    dto: LodgeOnBehalfDto,
    personId: string | null,
  ): Promise<string | null> {
    const { memberNumber, credentialNumber } = dto.respondent;
    const named = memberNumber
      ? await this.memberships.professionOfMember(manager, { memberNumber })
      : credentialNumber
        ? await this.credentials.professionOfNumber(manager, credentialNumber)
        : null;
    const found =
      named ?? (personId && (await this.memberships.professionOfMember(manager, { personId })));
    if (found) return found;
    // Not known from the complaint: where the association has one profession, it is that one.
    const active = await this.professions.active(manager);
    return active.length === 1 ? active[0].id : null;
  }

  private async respondentOf(dto: LodgeOnBehalfDto, onBehalf: boolean): Promise<string | null> {
    const { memberNumber, credentialNumber, name } = dto.respondent;
    if (onBehalf && dto.respondentPersonId) return dto.respondentPersonId;
    if (memberNumber) {
      const person = await this.memberships.personOfMemberNumber(
        this.transactions.reader,
        memberNumber,
      );
      // The public learns nothing of a number: a complaint naming none of ours is taken all the
      // same, for staff to match. Staff lodging one are told.
      if (!person && onBehalf)
        throw unknownNumber('respondent.memberNumber', 'member', memberNumber);
      return person;
    }
    if (credentialNumber) {
      const holders = await this.credentials.holdersByNumber(this.transactions.reader, [
        credentialNumber,
      ]);
      const person = holders.get(credentialNumber);
      if (!person && onBehalf) {
        throw unknownNumber('respondent.credentialNumber', 'credential', credentialNumber);
      }
      return person ?? null;
    }
    if (onBehalf && name) return null;
    throw new CasesError(
      'respondent-required',
      onBehalf
        ? 'Name the professional: a member number, a credential number, a person record or a name'
        : 'Name the professional by member number or credential number',
      {
        errors: [
          {
            field: 'respondent',
            message: 'respondent needs a memberNumber or a credentialNumber',
          },
        ],
      },
    );
  }

  /**
   * A notice to the respondent, on the timeline: it stops the clock that waits for it. One that
   * could not be served is kept with the reason: the procedure may then go on without it.
   */
  async notice(actor: Actor, id: string, dto: NoticeDto): Promise<CaseResponse> {
    const account = await this.access.requireStaffOn(actor, id);
    await this.addToTimeline(actor, id, {
      kind: dto.served === false ? 'notice_unserved' : 'notice',
      text: dto.text,
      actorAccountId: account.accountId,
    });
    return this.get(actor, id);
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function unknownNumber(field: string, what: string, number: string): CasesError {
  return new CasesError('respondent-not-found', `No ${what} has the number ${number}`, {
    errors: [{ field, message: `${field}: no ${what} has the number ${number}` }],
  });
}

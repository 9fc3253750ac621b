import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccountsPort } from 'src/accounts/accounts.port';
import { AuditService } from 'src/audit/audit.service';
import { requireAccount } from 'src/auth/access';
import type { AccountActor, Actor } from 'src/auth/principal';
import {
  canMoveCase,
  ethicsStanding,
  isClosed,
  nextStatuses,
  type CaseStatus,
  type SanctionStage,
} from 'src/cases/case-rules';
import { CasesError } from 'src/cases/cases.errors';
import { CasesRepository } from 'src/cases/cases.repository';
import type {
  AssignCaseDto,
  CaseAnswerDto,
  CaseNoteDto,
  CasePage,
  CaseRecusalResponse,
  ClockActionDto,
  DecidedSanctionDto,
  DueClockResponse,
  EthicsStandingResponse,
  NoticeDto,
  RecuseDto,
  CaseResponse,
  CasesQuery,
  ComplaintReceipt,
  LodgeOnBehalfDto,
  MatchRespondentDto,
  MoveCaseDto,
} from 'src/cases/dto/case.dto';
import type { CaseAssignment } from 'src/cases/entities/case-assignment.entity';
import type { CaseEvent } from 'src/cases/entities/case-event.entity';
import { type Clock, clocksOf } from 'src/cases/case-clocks';
import { requireDecisionShape, sanctionErrors } from 'src/cases/case-decisions';
import type { CaseSanction } from 'src/cases/entities/case-sanction.entity';
import type { EthicsCase } from 'src/cases/entities/ethics-case.entity';
import { lastDayOfTerm } from 'src/common/dates';
import { Calendar } from 'src/common/calendar';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import { CredentialsPort } from 'src/credentials/credentials.port';
import type { RuntimeSettings } from 'src/config/settings';
import { Transactions } from 'src/database/transactions';
import { MembershipPort } from 'src/membership/membership.port';
import { PeoplePort } from 'src/people/people.port';

const CASE = 'Case';

/** Matches no one: an account without a person record answers no case. */
const NO_PERSON = '00000000-0000-0000-0000-000000000000';
/** Crockford's base32 without look-alikes: a reference read over the phone stays right. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const newReference = () =>
  `ADU-${Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(32)]).join('')}`;

/** How a caller stands toward a case they may see: runs it (admin, assigned officer), or answers it. */
type Standing = 'staff' | 'respondent';

/**
 * Complaints and the ethics cases they open. A case is seen by admins, the ethics officers
 * assigned to it and (redacted) its respondent; to anyone else it does not exist (404). Every
 * read by staff is kept.
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
    private readonly accounts: AccountsPort,
    private readonly config: ConfigService<RuntimeSettings, true>,
    private readonly people: PeoplePort,
  ) {}

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
      const procedure = await this.repository.procedureInForce(manager, today);
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
    return this.pageOf(qb, query, 'staff');
  }

  /**
   * A person's ethics standing on a day (today by default), from cases and sanctions: for staff,
   * since "under investigation" is confidential. What the public sees of it is the statuses of
   * the membership and credentials that a public sanction changed.
   */
  async standing(personId: string, asOf?: string): Promise<EthicsStandingResponse> {
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
    return this.pageOf(qb, query, 'respondent');
  }

  async get(actor: Actor, id: string): Promise<CaseResponse> {
    const { found, standing } = await this.standingOn(actor, id);
    if (standing === 'staff') {
      await this.repository.recordRead(
        this.transactions.reader,
        id,
        requireAccount(actor).accountId,
      );
    }
    const [view] = await this.views([found], standing);
    return view;
  }

  /**
   * Moves a case one step of the procedure, dated and reasoned; a wrong move names where it
   * stands. An appeal opens a case of its own before the appeal council; its decision moves the
   * first case to appeal_decided, and either becoming final makes both final.
   */
  async move(actor: Actor, id: string, dto: MoveCaseDto): Promise<CaseResponse> {
    const account = await this.requireStaffOn(actor, id);
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
        await this.decideSanctions(manager, first.id, dto.sanctions, on, stage);
      }
      await step(current, dto.to, dto.reason);
      if (dto.to === 'appeal') await this.openAppeal(manager, account, first, on);
      if (dto.to === 'appeal_decided') {
        await step(first, 'appeal_decided', `Decided on appeal (${dto.outcome}): ${dto.reason}`);
      }
      if (dto.to === 'final') {
        const other = current === first ? appeal : first;
        if (other && other.status !== 'final') await step(other, 'final', dto.reason);
        await this.takeEffect(manager, account, first, on);
      }
    });
    return this.get(actor, id);
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
    const first = await this.lock(manager, asked.appealOfCaseId ?? id);
    const appeal = await this.repository.lockAppealOf(manager, first.id);
    return { current: asked.appealOfCaseId ? appeal! : first, first, appeal };
  }

  /**
   * Matches a complaint that named the professional by name alone to their person record, once
   * (the appeal case, if any, follows), on the timeline with the reason. Until then the case
   * cannot take effect on anyone.
   */
  async matchRespondent(actor: Actor, id: string, dto: MatchRespondentDto): Promise<CaseResponse> {
    const account = await this.requireStaffOn(actor, id);
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
      for (const found of appeal ? [first, appeal] : [first]) {
        await this.repository.matchRespondent(manager, found.id, dto.personId);
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
    const account = await this.requireStaffOn(actor, id);
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
    const { standing } = await this.standingOn(actor, id);
    if (standing !== 'respondent') throw notFound(CASE, id);
    await this.addToTimeline(actor, id, {
      kind: 'answer',
      text: dto.text,
      actorAccountId: requireAccount(actor).accountId,
    });
    return this.get(actor, id);
  }

  /** An admin assigns an ethics officer to run the case, or to sit on its hearing panel. */
  async assign(actor: AccountActor, id: string, dto: AssignCaseDto): Promise<CaseResponse> {
    const officer = await this.accounts.staffAccount(this.transactions.reader, dto.accountId);
    if (!officer.roles.includes('ethics_officer') || officer.disabled) {
      throw new CasesError(
        'not-an-ethics-officer',
        `Account ${dto.accountId} is not an active ethics officer`,
      );
    }
    await this.transactions.run(async (manager) => {
      const current = await this.lock(manager, id);
      if (isClosed(current.status)) {
        throw new CasesError('case-closed', `The case is ${current.status}: it takes no one new`);
      }
      const conflict = await this.conflictOf(manager, current, {
        accountId: officer.id,
        personId: officer.personId,
        chapterId: officer.chapterId,
      });
      if (conflict) {
        throw new CasesError(
          'officer-recused',
          `Account ${officer.id} is kept off the case: ${conflict}`,
        );
      }
      const role = dto.role ?? 'officer';
      if (!(await this.repository.assign(manager, { caseId: id, accountId: dto.accountId, role })))
        return;
      await this.repository.insertEvent(manager, {
        caseId: id,
        kind: 'assigned',
        text: role,
        subjectAccountId: dto.accountId,
        actorAccountId: actor.accountId,
        occurredOn: this.calendar.today(),
      });
      await this.audit.record(manager, actor, {
        action: 'ethics_case.assigned',
        entityType: 'ethics_case',
        entityId: id,
        after: { accountId: dto.accountId, role },
      });
    });
    return this.get(actor, id);
  }

  private async decideSanctions(
    manager: EntityManager,
    caseId: string,
    decided: DecidedSanctionDto[],
    on: string,
    stage: SanctionStage,
  ): Promise<void> {
    const types = new Map(
      (
        await this.repository.sanctionTypesByCode(
          manager,
          decided.map((sanction) => sanction.type),
        )
      ).map((type) => [type.code, type]),
    );
    const errors = decided.flatMap((sanction, index) =>
      sanctionErrors(sanction, types.get(sanction.type), `sanctions[${index}]`),
    );
    if (errors.length) {
      throw new AppError('validation-failed', 'Check these fields: sanctions', { errors });
    }
    await this.repository.insertSanctions(
      manager,
      decided.map((sanction) => ({
        caseId,
        sanctionTypeId: types.get(sanction.type)!.id,
        months: sanction.months ?? null,
        credits: sanction.credits ?? null,
        dueOn: sanction.dueOn ?? null,
        decidedOn: on,
        stage,
      })),
    );
  }

  /**
   * The decision's sanctions take effect on the day the case becomes final: a suspension
   * suspends the membership and every credential issued here until its last day (they come
   * back by themselves after it), a revocation ends them. Reprimands and remedial training
   * change no status.
   */
  private async takeEffect(
    manager: EntityManager,
    actor: AccountActor,
    found: EthicsCase,
    on: string,
  ): Promise<void> {
    const pending = (await this.repository.sanctionsOf(manager, [found.id])).filter(
      (sanction) => sanction.tookEffectOn === null && sanction.supersededOn === null,
    );
    for (const sanction of pending) {
      const type = sanction.sanctionType!;
      const endsOn = type.effect === 'suspension' ? lastDayOfTerm(on, sanction.months!) : null;
      if (type.effect === 'suspension' || type.effect === 'revocation') {
        const personId = found.respondentPersonId;
        if (!personId) {
          throw new CasesError(
            'respondent-required',
            'Match the complaint to the professional before a sanction takes effect',
          );
        }
        const effect = {
          personId,
          sanctionId: sanction.id,
          effect: type.effect,
          reason: `${type.name}, by the decision in ethics case ${found.id}`,
          startsOn: on,
          endsOn,
        };
        await this.memberships.applySanction(manager, actor, effect);
        await this.credentials.applySanction(manager, actor, effect);
      }
      await this.repository.markInEffect(manager, sanction.id, {
        startsOn: on,
        endsOn,
        tookEffectOn: on,
      });
    }
  }

  /**
   * Declares a conflict of interest: the officer (or admin) is taken off the case and never
   * reads or acts on it again; the recusal and its reason are on the timeline.
   */
  async recuse(actor: Actor, id: string, dto: RecuseDto): Promise<CaseRecusalResponse> {
    const account = await this.requireStaffOn(actor, id);
    return this.transactions.run(async (manager) => {
      await this.lock(manager, id);
      await this.repository.recuse(manager, {
        caseId: id,
        accountId: account.accountId,
        reason: dto.reason,
      });
      const declaredOn = this.calendar.today();
      await this.repository.insertEvent(manager, {
        caseId: id,
        kind: 'recused',
        text: dto.reason,
        confidential: true,
        subjectAccountId: account.accountId,
        actorAccountId: account.accountId,
        occurredOn: declaredOn,
      });
      await this.audit.record(manager, actor, {
        action: 'ethics_case.recused',
        entityType: 'ethics_case',
        entityId: id,
        after: { accountId: account.accountId, reason: dto.reason },
      });
      return { caseId: id, accountId: account.accountId, reason: dto.reason, declaredOn };
    });
  }

  /**
   * Why an officer may not take part in a case, or null: a declared conflict, or (where the
   * association says so) membership of the respondent's chapter.
   */
  private async conflictOf(
    manager: EntityManager,
    found: EthicsCase,
    officer: { accountId: string; personId: string | null; chapterId: string | null },
  ): Promise<string | null> {
    if (await this.repository.isRecused(manager, found.id, officer.accountId)) {
      return 'they declared a conflict of interest';
    }
    if (!this.config.get('ethicsRecuseSameChapter', { infer: true }) || !found.respondentPersonId) {
      return null;
    }
    const respondentChapter = await this.memberships.chapterOfPerson(
      manager,
      found.respondentPersonId,
    );
    const officerChapter =
      officer.chapterId ??
      (officer.personId ? await this.memberships.chapterOfPerson(manager, officer.personId) : null);
    return respondentChapter !== null && respondentChapter === officerChapter
      ? "they belong to the respondent's chapter"
      : null;
  }

  private async addToTimeline(
    actor: Actor,
    id: string,
    entry: {
      kind: 'note' | 'answer' | 'notice';
      text: string;
      confidential?: boolean;
      actorAccountId: string;
    },
  ): Promise<void> {
    await this.transactions.run(async (manager) => {
      const current = await this.lock(manager, id);
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

  /** Who the caller is to the case; a case the caller may not see answers as missing. */
  private async standingOn(
    actor: Actor,
    id: string,
  ): Promise<{ found: EthicsCase; standing: Standing }> {
    const account = requireAccount(actor);
    const found = await this.repository.findWithComplaint(this.transactions.reader, id);
    if (found) {
      const staff =
        account.roles.includes('admin') ||
        (account.roles.includes('ethics_officer') &&
          (await this.repository.isAssigned(this.transactions.reader, id, account.accountId)));
      // A conflict of interest keeps even an admin off the case: it is as if it did not exist.
      if (staff) {
        const conflict = await this.conflictOf(this.transactions.reader, found, {
          accountId: account.accountId,
          personId: account.roles.includes('admin') ? null : account.personId,
          chapterId: account.roles.includes('admin') ? null : (account.scope?.chapterId ?? null),
        });
        if (conflict) throw notFound(CASE, id);
        return { found, standing: 'staff' };
      }
      if (account.personId !== null && account.personId === found.respondentPersonId) {
        return { found, standing: 'respondent' };
      }
    }
    throw notFound(CASE, id);
  }

  /** The caller as an officer on the case (assigned, not recused) or an admin; else 404. */
  async requireStaffOn(actor: Actor, id: string): Promise<AccountActor> {
    const { standing } = await this.standingOn(actor, id);
    if (standing !== 'staff') throw notFound(CASE, id);
    return requireAccount(actor);
  }

  private async lock(manager: EntityManager, id: string): Promise<EthicsCase> {
    const found = await this.repository.lockForChange(manager, id);
    if (!found) throw notFound(CASE, id);
    return found;
  }

  private async respondentOf(dto: LodgeOnBehalfDto, onBehalf: boolean): Promise<string | null> {
    const { memberNumber, credentialNumber, name } = dto.respondent;
    if (onBehalf && dto.respondentPersonId) return dto.respondentPersonId;
    if (memberNumber) {
      const person = await this.memberships.personOfMemberNumber(
        this.transactions.reader,
        memberNumber,
      );
      if (!person) throw unknownNumber('respondent.memberNumber', 'member', memberNumber);
      return person;
    }
    if (credentialNumber) {
      const holders = await this.credentials.holdersByNumber(this.transactions.reader, [
        credentialNumber,
      ]);
      const person = holders.get(credentialNumber);
      if (!person)
        throw unknownNumber('respondent.credentialNumber', 'credential', credentialNumber);
      return person;
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

  private async pageOf(
    qb: ReturnType<CasesRepository['pageQuery']>,
    query: CasesQuery,
    standing: Standing,
  ): Promise<CasePage> {
    const page = await paginate(qb, query, (found) => found);
    return { ...page, items: await this.views(page.items, standing) };
  }

  private async views(cases: EthicsCase[], standing: Standing): Promise<CaseResponse[]> {
    const ids = cases.map((found) => found.id);
    const timeline = groupBy(await this.repository.timelineOf(this.transactions.reader, ids));
    const assignments = groupBy(await this.repository.assignmentsOf(this.transactions.reader, ids));
    // An appeal case shows the sanctions of its first case, which its decision confirms or changes.
    const firstIds = cases.map((found) => found.appealOfCaseId ?? found.id);
    const sanctions = groupBy(
      await this.repository.sanctionsOf(this.transactions.reader, [...new Set(firstIds)]),
    );
    const appeals = new Map(
      (await this.repository.appealsOf(this.transactions.reader, ids)).map((appeal) => [
        appeal.appealOfCaseId!,
        appeal.id,
      ]),
    );
    const clocks = await this.clocksOf(cases, timeline);
    return cases.map((found) => ({
      ...toCaseResponse(found, timeline, assignments, standing),
      appealCaseId: appeals.get(found.id) ?? null,
      sanctions: (sanctions.get(found.appealOfCaseId ?? found.id) ?? []).map(
        toCaseSanctionResponse,
      ),
      clocks: standing === 'staff' ? (clocks.get(found.id) ?? []) : [],
    }));
  }

  /** Each case's clocks as they stand today, under the procedure it opened with. */
  private async clocksOf(
    cases: EthicsCase[],
    timeline: Map<string, CaseEvent[]>,
  ): Promise<Map<string, Clock[]>> {
    const procedures = new Map(
      (
        await this.repository.proceduresById(
          this.transactions.reader,
          [...new Set(cases.map((found) => found.procedureId))].filter(
            (id): id is string => id !== null,
          ),
        )
      ).map((procedure) => [procedure.id, procedure]),
    );
    const today = this.calendar.today();
    return new Map(
      cases.map((found) => [
        found.id,
        found.procedureId
          ? clocksOf(
              procedures
                .get(found.procedureId)!
                .clocks.filter(
                  (rule) =>
                    (rule.appliesTo ?? 'case') ===
                    (found.body === 'appeal_council' ? 'appeal' : 'case'),
                ),
              timeline.get(found.id) ?? [],
              today,
            )
          : [],
      ]),
    );
  }

  /** The clocks running on the cases the caller runs, soonest due first; overdue ones lead. */
  async due(actor: Actor): Promise<DueClockResponse[]> {
    const account = requireAccount(actor);
    const qb = this.repository.pageQuery({
      assignedTo: account.roles.includes('admin') ? undefined : account.accountId,
    });
    const open = (await qb.getMany()).filter((found) => !isClosed(found.status));
    const ids = open.map((found) => found.id);
    const timeline = groupBy(await this.repository.timelineOf(this.transactions.reader, ids));
    const clocks = await this.clocksOf(open, timeline);
    return open
      .flatMap((found) =>
        (clocks.get(found.id) ?? [])
          .filter((clock) => clock.stoppedOn === null)
          .map((clock) => ({
            caseId: found.id,
            reference: found.complaint!.reference,
            status: found.status,
            clock,
          })),
      )
      .sort((a, b) => a.clock.dueOn.localeCompare(b.clock.dueOn));
  }

  /** A notice to the respondent, on the timeline: it stops the clock that waits for it. */
  async notice(actor: Actor, id: string, dto: NoticeDto): Promise<CaseResponse> {
    const account = await this.requireStaffOn(actor, id);
    await this.addToTimeline(actor, id, {
      kind: 'notice',
      text: dto.text,
      actorAccountId: account.accountId,
    });
    return this.get(actor, id);
  }

  /** Pauses, resumes or extends a running clock: only with a reason, kept on the timeline. */
  async clock(
    actor: Actor,
    id: string,
    name: string,
    action: string,
    dto: ClockActionDto,
  ): Promise<CaseResponse> {
    if (action !== 'pause' && action !== 'resume' && action !== 'extend') {
      throw new AppError('not-found', `A clock is paused, resumed or extended, not ${action}ed`);
    }
    const account = await this.requireStaffOn(actor, id);
    const [view] = await this.views(
      [(await this.repository.findWithComplaint(this.transactions.reader, id))!],
      'staff',
    );
    const running = view.clocks.find((clock) => clock.name === name && clock.stoppedOn === null);
    if (!running) {
      throw new CasesError('clock-not-running', `No clock ${name} is running on this case`, {
        running: view.clocks.filter((clock) => clock.stoppedOn === null).map((c) => c.name),
      });
    }
    if (action === 'extend' && !dto.days) {
      throw new AppError('validation-failed', 'Check these fields: days', {
        errors: [{ field: 'days', message: 'days is required to extend a clock' }],
      });
    }
    if (action !== 'extend' && (action === 'pause') === running.paused) {
      throw new CasesError(
        'clock-not-running',
        `The clock ${name} is ${running.paused ? 'paused already' : 'not paused'}`,
      );
    }
    await this.transactions.run(async (manager) => {
      await this.lock(manager, id);
      await this.repository.insertEvent(manager, {
        caseId: id,
        kind:
          action === 'pause'
            ? 'clock_paused'
            : action === 'resume'
              ? 'clock_resumed'
              : 'clock_extended',
        text: dto.reason,
        clock: name,
        days: action === 'extend' ? dto.days! : null,
        confidential: true,
        actorAccountId: account.accountId,
        occurredOn: this.calendar.today(),
      });
      await this.audit.record(manager, actor, {
        action: `ethics_case.clock_${action}`,
        entityType: 'ethics_case',
        entityId: id,
        after: { clock: name, reason: dto.reason, days: dto.days ?? null },
      });
    });
    return this.get(actor, id);
  }
}

function toCaseSanctionResponse(sanction: CaseSanction) {
  return {
    type: sanction.sanctionType!.code,
    effect: sanction.sanctionType!.effect,
    months: sanction.months,
    credits: sanction.credits,
    dueOn: sanction.dueOn,
    decidedOn: sanction.decidedOn,
    startsOn: sanction.startsOn,
    endsOn: sanction.endsOn,
    tookEffectOn: sanction.tookEffectOn,
    stage: sanction.stage,
    supersededOn: sanction.supersededOn,
  };
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function unknownNumber(field: string, what: string, number: string): CasesError {
  return new CasesError('respondent-not-found', `No ${what} has the number ${number}`, {
    errors: [{ field, message: `${field}: no ${what} has the number ${number}` }],
  });
}

function groupBy<T extends { caseId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.caseId, [...(groups.get(row.caseId) ?? []), row]);
  return groups;
}

/** The case as the caller may see it: the respondent without confidential entries or contacts. */
function toCaseResponse(
  found: EthicsCase,
  timeline: Map<string, CaseEvent[]>,
  assignments: Map<string, CaseAssignment[]>,
  standing: Standing,
): Omit<CaseResponse, 'sanctions' | 'clocks' | 'appealCaseId'> {
  const complaint = found.complaint!;
  const staff = standing === 'staff';
  return {
    id: found.id,
    reference: complaint.reference,
    body: found.body,
    appealOfCaseId: found.appealOfCaseId,
    status: found.status,
    statusChangedOn: found.statusChangedOn,
    nextStatuses: staff ? [...nextStatuses(found.status, found.body)] : [],
    respondentPersonId: found.respondentPersonId,
    respondentNumber: complaint.respondentNumber,
    respondentName: complaint.respondentName,
    whatHappened: complaint.whatHappened,
    happenedOn: complaint.happenedOn,
    complainant:
      staff || complaint.discloseToRespondent
        ? {
            name: complaint.complainantName,
            email: complaint.complainantEmail,
            phone: complaint.complainantPhone,
            discloseToRespondent: complaint.discloseToRespondent,
          }
        : null,
    assignments: staff
      ? (assignments.get(found.id) ?? []).map(({ accountId, role }) => ({ accountId, role }))
      : [],
    timeline: (timeline.get(found.id) ?? [])
      .filter((event) => staff || (!event.confidential && event.kind !== 'assigned'))
      .map((event) => ({
        kind: event.kind,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        text: event.text,
        confidential: event.confidential,
        subjectAccountId: staff ? event.subjectAccountId : null,
        occurredOn: event.occurredOn,
        recordedAt: event.recordedAt,
      })),
    appealOutcome: found.appealOutcome,
    openedAt: found.openedAt,
  };
}

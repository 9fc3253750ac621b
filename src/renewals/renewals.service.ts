import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import type { RenewableCredential } from 'src/credentials/credential-rules';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { Transactions } from 'src/database/transactions';
import { FINAL_STATUSES, type RenewableMembership } from 'src/membership/membership-rules';
import { MembershipPort } from 'src/membership/membership.port';
import type {
  CreateRenewalDto,
  DecideRenewalDto,
  RenewalResponse,
  RenewalsQuery,
} from 'src/renewals/dto/renewal.dto';
import type { RenewalRequest } from 'src/renewals/entities/renewal-request.entity';
import { renewalWindow } from 'src/renewals/renewal-rules';
import { RenewalsError } from 'src/renewals/renewals.errors';
import { RenewalsRepository } from 'src/renewals/renewals.repository';
import type { StandingResponse } from 'src/standing/dto/standing.dto';
import { StandingPort } from 'src/standing/standing.port';

const RENEWAL = 'Renewal request';

/** What is renewed, a credential issued here or a membership, as a renewal reads either. */
type Subject =
  | { kind: 'credential'; credential: RenewableCredential }
  | { kind: 'membership'; membership: RenewableMembership };

const toResponse = (request: RenewalRequest): RenewalResponse => ({
  id: request.id,
  personId: request.personId,
  credentialId: request.credentialId,
  membershipId: request.membershipId,
  endsOn: request.endsOn,
  status: request.status,
  automatic: request.automatic,
  reason: request.reason,
  newStartsOn: request.newStartsOn,
  newEndsOn: request.newEndsOn,
  eligibility: request.eligibility,
  submittedAt: request.submittedAt,
  decidedAt: request.decidedAt,
});

const personOf = (subject: Subject) =>
  subject.kind === 'credential' ? subject.credential.personId : subject.membership.personId;

/** The last day of what is renewed: a credential's validity, a membership's cover. */
const endsOnOf = (subject: Subject): string | null =>
  subject.kind === 'credential' ? subject.credential.validUntil : subject.membership.coveredUntil;

/**
 * Whether every requirement that holds against renewing `subject` is met. A CPD cycle bound to
 * another credential, or to the membership when a credential is renewed, is that one's to
 * complete: an engineer's registration cycle half done does not hold up the yearly membership.
 */
const unmetFor = (eligibility: StandingResponse, subject: Subject) =>
  eligibility.requirements.filter(
    (item) =>
      !item.met &&
      (item.cycleOf === undefined ||
        (item.cycleOf === subject.kind && item.subject === numberOf(subject))),
  );

const readyToRenew = (eligibility: StandingResponse, subject: Subject) =>
  unmetFor(eligibility, subject).length === 0;

const numberOf = (subject: Subject) =>
  subject.kind === 'credential' ? subject.credential.number : subject.membership.memberNumber;

const named = (subject: Subject) =>
  subject.kind === 'credential'
    ? `${subject.credential.typeName} ${subject.credential.number}`
    : `Membership ${subject.membership.memberNumber}`;

/**
 * Renewals of credentials issued here and of memberships: asked for within the window, decided
 * on the person's standing (stored with the request), approved without staff where every
 * requirement is met and the type or category says so. Approval issues the next period from the
 * old expiry, in the same transaction, under the credential's or membership's row lock.
 */
@Injectable()
export class RenewalsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: RenewalsRepository,
    private readonly credentials: CredentialsPort,
    private readonly memberships: MembershipPort,
    private readonly standing: StandingPort,
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
  ) {}

  async submit(actor: Actor, dto: CreateRenewalDto): Promise<RenewalResponse> {
    requireAccount(actor);
    const first = await this.subjectOf(dto);
    const personId = personOf(first);
    await this.access.requirePerson(actor, personId);
    // An account scoped to a profession renews that profession's credentials only.
    const scopedProfession = isStaffActor(actor) ? (actor.scope?.professionId ?? null) : null;
    if (
      first.kind === 'credential' &&
      scopedProfession &&
      first.credential.professionId !== scopedProfession
    ) {
      throw notFound('Credential', first.credential.id);
    }
    const today = this.calendar.today();
    this.requireRenewable(first, today);
    const eligibility = await this.eligibilityOf(personId, today);
    const id = await this.transactions.run(async (manager) => {
      // Read again under the row lock: a renewal that got there first has moved the expiry.
      const subject = await this.subjectOf(dto, manager);
      this.requireRenewable(subject, today);
      const endsOn = endsOnOf(subject)!;
      const requestId = await this.repository.insert(manager, {
        personId,
        credentialId: subject.kind === 'credential' ? subject.credential.id : null,
        membershipId: subject.kind === 'membership' ? subject.membership.id : null,
        endsOn,
        eligibility,
        submittedByAccountId: actor.kind === 'account' ? actor.accountId : null,
      });
      await this.audit.record(manager, actor, {
        action: 'renewal.submitted',
        entityType: 'renewal_request',
        entityId: requestId,
        after: {
          subject: named(subject),
          endsOn,
          renewalReady: readyToRenew(eligibility, subject),
        },
      });
      const automatic =
        subject.kind === 'credential' ? subject.credential.autoRenew : subject.membership.autoRenew;
      if (automatic && readyToRenew(eligibility, subject)) {
        await this.approve(manager, actor, requestId, subject, {
          reason: 'Every requirement met: renewed without staff, as its rules allow',
          automatic: true,
          eligibility,
        });
      }
      return requestId;
    });
    return this.load(id);
  }

  /**
   * Staff decide a submitted request with a reason. Approval reads the standing again and is
   * refused while a requirement that holds against this renewal is unmet, naming each; rejection
   * is always possible.
   */
  async decide(actor: Actor, id: string, dto: DecideRenewalDto): Promise<RenewalResponse> {
    requireAccount(actor);
    await this.requireRequest(actor, id);
    const request = await this.load(id);
    const eligibility =
      dto.decision === 'approved'
        ? await this.eligibilityOf(request.personId, this.calendar.today())
        : request.eligibility;
    await this.transactions.run(async (manager) => {
      // The credential's or membership's row first, then the request's: the order a submission
      // takes too, so the two never wait on each other.
      const subject = await this.subjectOf(
        {
          credentialId: request.credentialId ?? undefined,
          membershipId: request.membershipId ?? undefined,
        },
        manager,
      );
      const unmet = dto.decision === 'approved' ? unmetFor(eligibility, subject) : [];
      if (unmet.length) {
        throw new RenewalsError(
          'renewal-requirements-unmet',
          `The renewal cannot be approved: ${unmet.map((item) => item.detail).join('; ')}`,
          { requirements: unmet },
        );
      }
      const locked = (await this.repository.lock(manager, id))!;
      if (locked.status !== 'submitted') {
        throw new RenewalsError(
          'renewal-decided',
          `The renewal request is ${locked.status} already`,
        );
      }
      if (dto.decision === 'rejected') {
        await this.repository.decide(manager, id, {
          status: 'rejected',
          reason: dto.reason,
          automatic: false,
          newStartsOn: null,
          newEndsOn: null,
          decidedByAccountId: requireAccount(actor).accountId,
          eligibility,
        });
        await this.audit.record(manager, actor, {
          action: 'renewal.rejected',
          entityType: 'renewal_request',
          entityId: id,
          before: { status: 'submitted' },
          after: { status: 'rejected', reason: dto.reason },
        });
        return;
      }
      if (endsOnOf(subject) !== locked.endsOn) {
        throw new RenewalsError(
          'renewal-decided',
          `${named(subject)} no longer ends on ${locked.endsOn}: it was renewed from that day already`,
        );
      }
      await this.approve(manager, actor, id, subject, {
        reason: dto.reason,
        automatic: false,
        eligibility,
      });
    });
    return this.load(id);
  }

  async list(actor: Actor, query: RenewalsQuery): Promise<Page<RenewalResponse>> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    return paginate(
      this.repository.pageQuery(
        this.transactions.reader,
        { personId, status: query.status },
        this.access.listCondition(actor, 'renewal.person_id'),
      ),
      query,
      toResponse,
    );
  }

  async get(actor: Actor, id: string): Promise<RenewalResponse> {
    await this.requireRequest(actor, id);
    return this.load(id);
  }

  private async approve(
    manager: EntityManager,
    actor: Actor,
    id: string,
    subject: Subject,
    decision: { reason: string; automatic: boolean; eligibility: StandingResponse },
  ): Promise<void> {
    const next =
      subject.kind === 'credential'
        ? await this.credentials
            .renewPeriod(manager, actor, subject.credential, decision.reason)
            .then(({ validFrom, validUntil }) => ({ startsOn: validFrom, endsOn: validUntil }))
        : await this.memberships.renewPeriod(manager, actor, subject.membership);
    await this.repository.decide(manager, id, {
      status: 'approved',
      reason: decision.reason,
      automatic: decision.automatic,
      newStartsOn: next.startsOn,
      newEndsOn: next.endsOn,
      decidedByAccountId: decision.automatic ? null : requireAccount(actor).accountId,
      eligibility: decision.eligibility,
    });
    await this.audit.record(manager, actor, {
      action: 'renewal.approved',
      entityType: 'renewal_request',
      entityId: id,
      before: { status: 'submitted' },
      after: { status: 'approved', automatic: decision.automatic, ...next },
    });
  }

  /** Renewable here, and today within the window of its expiry (the answer names the day). */
  private requireRenewable(subject: Subject, today: string): void {
    const refuse = (detail: string): never => {
      throw new RenewalsError('renewal-not-renewable', detail);
    };
    if (subject.kind === 'credential') {
      const { credential } = subject;
      if (credential.issuerKind !== 'association') {
        refuse(
          `${named(subject)} is issued elsewhere and renewed there; record the new one when it comes`,
        );
      }
      if (credential.validUntil === null) refuse(`${named(subject)} is valid for life`);
      if (credential.status === 'revoked') refuse(`${named(subject)} is revoked`);
      if (credential.status === 'superseded')
        refuse(`${named(subject)} is superseded: renew the credential that replaced it`);
    } else if (FINAL_STATUSES.includes(subject.membership.status)) {
      refuse(`${named(subject)} is ${subject.membership.status}: that is final`);
    }
    const endsOn = endsOnOf(subject)!;
    const { windowDays, graceDays } =
      subject.kind === 'credential'
        ? {
            windowDays: subject.credential.renewalWindowDays,
            graceDays: subject.credential.graceDays,
          }
        : {
            windowDays: subject.membership.renewalWindowDays,
            graceDays: subject.membership.graceDays,
          };
    const window = renewalWindow(endsOn, windowDays, graceDays);
    if (today < window.opensOn) {
      throw new RenewalsError(
        'renewal-window-closed',
        `The renewal of ${named(subject)} opens on ${window.opensOn}, ${windowDays} days before it ends on ${endsOn}`,
        { opensOn: window.opensOn },
      );
    }
    if (today > window.closesOn) {
      throw new RenewalsError(
        'renewal-window-closed',
        `The renewal of ${named(subject)} closed on ${window.closesOn}, when its grace days after ${endsOn} ran out; apply for it anew`,
        { closedOn: window.closesOn },
      );
    }
  }

  /** The credential or membership named, locked when `manager` is a transaction's. */
  private async subjectOf(dto: CreateRenewalDto, manager?: EntityManager): Promise<Subject> {
    if ((dto.credentialId === undefined) === (dto.membershipId === undefined)) {
      throw new AppError('validation-failed', 'Check these fields: credentialId, membershipId', {
        errors: [
          { field: 'credentialId', message: 'name exactly one of credentialId and membershipId' },
        ],
      });
    }
    if (dto.credentialId) {
      const credential = await this.credentials.renewalSubject(
        manager ?? this.transactions.reader,
        dto.credentialId,
        manager !== undefined,
      );
      if (!credential) throw notFound('Credential', dto.credentialId);
      return { kind: 'credential', credential };
    }
    const membership = await this.memberships.renewalSubject(
      manager ?? this.transactions.reader,
      dto.membershipId!,
      manager !== undefined,
    );
    if (!membership) throw notFound('Membership', dto.membershipId!);
    return { kind: 'membership', membership };
  }

  private eligibilityOf(personId: string, today: string): Promise<StandingResponse> {
    return this.standing.standingOn(this.transactions.reader, personId, today, {
      mayKnowInvestigations: false,
    });
  }

  private requireRequest(actor: Actor, id: string): Promise<void> {
    return this.access.require(actor, RENEWAL, id, (ids) =>
      this.repository.ownersOf(this.transactions.reader, ids),
    );
  }

  private async load(id: string): Promise<RenewalResponse> {
    const request = await this.repository.find(this.transactions.reader, id);
    if (!request) throw notFound(RENEWAL, id);
    return toResponse(request);
  }
}

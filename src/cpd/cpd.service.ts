import { ProfessionsPort } from 'src/professions/professions.port';
import { holdsFor } from 'src/common/profession-scope';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { csvRow } from 'src/common/csv';
import { AppError, type FieldError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import { policyRuleErrors } from 'src/cpd/cpd-rules';
import { REMEMBER_STANDINGS_QUEUE } from 'src/cpd/cpd-compliance.service';
import { CpdError } from 'src/cpd/cpd.errors';
import { transcriptFrom } from 'src/cpd/transcript';
import { CpdPort } from 'src/cpd/cpd.port';
import type { CreditRow } from 'src/cpd/cpd.read-model';
import { CpdRepository } from 'src/cpd/cpd.repository';
import type {
  CpdClaimPage,
  CpdClaimResponse,
  CpdClaimsQuery,
  CpdPolicyResponse,
  CreateCpdPolicyDto,
  DecideCpdClaimDto,
  ObligationResponse,
  ResubmitCpdClaimDto,
  SubmitCpdClaimDto,
  TranscriptResponse,
  WhatIfDto,
} from 'src/cpd/dto/cpd.dto';
import type { CpdClaim } from 'src/cpd/entities/cpd-claim.entity';
import type { CpdPolicy } from 'src/cpd/entities/cpd-policy.entity';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { MembershipPort } from 'src/membership/membership.port';
import { JobQueue } from 'src/database/job-queue';
import { Transactions } from 'src/database/transactions';

const CLAIM = 'CPD claim';

/**
 * A transcript as CSV: one line per obligation and domain with its figures and the credits behind
 * them, and a total line per obligation.
 */
export function transcriptCsv(transcript: TranscriptResponse): string {
  const lines = [
    csvRow([
      'obligation',
      'number',
      'startsOn',
      'endsOn',
      'domain',
      'required',
      'earned',
      'counted',
      'remaining',
      'credits',
    ]),
  ];
  for (const obligation of transcript.obligations) {
    // Each line names its obligation, then a domain (or 'carried in', or 'total') and its figures.
    const line = (figures: (string | number)[]) =>
      csvRow([
        obligation.policy,
        obligation.credentialNumber ?? obligation.memberNumber,
        obligation.startsOn,
        obligation.endsOn,
        ...figures,
      ]);
    for (const domain of obligation.domains) {
      lines.push(
        line([
          domain.domain,
          domain.required,
          domain.earned,
          domain.counted,
          domain.remaining,
          domain.creditIds.join(' '),
        ]),
      );
    }
    if (obligation.carriedIn > 0) {
      lines.push(
        line([
          'carried in',
          '',
          '',
          obligation.carriedIn,
          '',
          obligation.carriedFrom ?? 'the cycle before',
        ]),
      );
    }
    lines.push(
      line(['total', obligation.required, '', obligation.counted, obligation.remaining, '']),
    );
  }
  return lines.join('');
}

const toPolicyResponse = (policy: CpdPolicy, professionCode: string | null): CpdPolicyResponse => ({
  id: policy.id,
  code: policy.code,
  name: policy.name,
  effectiveFrom: policy.effectiveFrom,
  professionId: policy.professionId,
  profession: professionCode,
  credentialTypeCode: policy.credentialTypeCode,
  membershipCategoryCode: policy.membershipCategoryCode,
  speciality: policy.speciality,
  rules: policy.rules,
});

const toClaimResponse = (claim: CpdClaim): CpdClaimResponse => ({
  id: claim.id,
  personId: claim.personId,
  title: claim.title,
  domain: claim.domain,
  category: claim.category,
  earnedOn: claim.earnedOn,
  creditsClaimed: claim.creditsClaimed,
  creditsGranted: claim.creditsGranted,
  status: claim.status,
  statusReason: claim.statusReason,
  decidedAt: claim.decidedAt,
  submittedAt: claim.submittedAt,
});

/**
 * Continuing professional development: policies in dated versions, members' claims decided by
 * CPD officers, credits recorded once, and the transcript that counts each credit toward every
 * obligation it fits (credit arithmetic: cpd-rules.ts).
 */
@Injectable()
export class CpdService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CpdRepository,
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly categories: MembershipPort,
    private readonly jobs: JobQueue,
    private readonly port: CpdPort,
    private readonly credentials: CredentialsPort,
    private readonly professions: ProfessionsPort,
  ) {}

  async policies(within?: EntityManager): Promise<CpdPolicyResponse[]> {
    return (await this.repository.policies(within ?? this.transactions.reader)).map((policy) =>
      toPolicyResponse(policy, policy.professionCode),
    );
  }

  /**
   * A new version of a policy (or a new policy): cycles beginning from its date read it. What was
   * remembered under the versions before no longer holds: the policy's standings are worked out
   * again at once, not by the first officer to ask.
   */
  async addPolicy(
    actor: Actor,
    dto: CreateCpdPolicyDto,
    within?: EntityManager,
  ): Promise<CpdPolicyResponse> {
    const professionId = await this.professionOf(dto, within ?? this.transactions.reader);
    const errors = [
      ...policyRuleErrors(dto.rules),
      ...(await this.followsErrors(dto, professionId, within)),
      ...(await this.standInErrors(dto, professionId, within)),
    ];
    if (errors.length) {
      throw new CpdError('cpd-policy-invalid', 'The policy contradicts itself: see errors', {
        errors,
      });
    }
    return this.transactions.run(async (manager) => {
      const existing = await this.repository.policies(manager);
      if (
        existing.some(
          (p) =>
            p.code === dto.code &&
            p.professionId === professionId &&
            p.effectiveFrom === dto.effectiveFrom,
        )
      ) {
        throw new CpdError(
          'cpd-policy-exists',
          `${dto.code} already has a version from ${dto.effectiveFrom}`,
        );
      }
      const policy = await this.repository.insertPolicy(manager, {
        code: dto.code,
        professionId,
        name: dto.name,
        effectiveFrom: dto.effectiveFrom,
        credentialTypeCode: dto.credentialTypeCode ?? null,
        membershipCategoryCode: dto.membershipCategoryCode ?? null,
        speciality: dto.speciality ?? null,
        rules: dto.rules,
      });
      await this.audit.record(manager, actor, {
        action: 'cpd_policy.added',
        entityType: 'cpd_policy',
        entityId: policy.id,
        after: { code: policy.code, effectiveFrom: policy.effectiveFrom },
      });
      await this.jobs.sendIn(manager, REMEMBER_STANDINGS_QUEUE, [{}]);
      return toPolicyResponse(
        policy,
        professionId
          ? ((await this.professions.byIds(manager, [professionId])).get(professionId)?.code ??
              null)
          : null,
      );
    }, within);
  }

  /**
   * Whom a policy binds: one credential type, membership category or speciality at most, an
   * existing category, and the same for every version of the policy.
   */
  /**
   * The policy's profession: the one named, else that of the type or category it follows where
   * only one profession has that code, else that of the policy's earlier versions, else none (a
   * policy for every profession).
   */
  private async professionOf(
    dto: CreateCpdPolicyDto,
    manager: EntityManager,
  ): Promise<string | null> {
    const refuse = (field: string, message: string): never => {
      throw new CpdError('cpd-policy-invalid', `The policy cannot be placed: ${message}`, {
        errors: [{ field, message }],
      });
    };
    if (dto.profession !== undefined) {
      const profession = await this.professions.byCode(manager, dto.profession);
      return profession?.id ?? refuse('profession', `${dto.profession} is no profession`);
    }
    const [field, holders] = dto.credentialTypeCode
      ? [
          'credentialTypeCode',
          await this.credentials.professionsOfType(manager, dto.credentialTypeCode),
        ]
      : dto.membershipCategoryCode
        ? [
            'membershipCategoryCode',
            (await this.categories.categoryCodes(manager))
              .filter((category) => category.code === dto.membershipCategoryCode)
              .map((category) => category.professionId),
          ]
        : [null, []];
    if (field && holders.length > 1) {
      refuse(
        'profession',
        `several professions have ${field === 'credentialTypeCode' ? 'a credential type' : 'a membership category'} coded ${dto.credentialTypeCode ?? dto.membershipCategoryCode}: name the policy's profession`,
      );
    }
    if (holders.length) return holders[0];
    const earlier = new Set(
      (await this.repository.policies(manager))
        .filter((policy) => policy.code === dto.code)
        .map((policy) => policy.professionId),
    );
    return earlier.size === 1 ? [...earlier][0] : null;
  }

  private async followsErrors(
    dto: CreateCpdPolicyDto,
    professionId: string | null,
    within?: EntityManager,
  ): Promise<FieldError[]> {
    const follows = {
      credentialTypeCode: dto.credentialTypeCode ?? null,
      membershipCategoryCode: dto.membershipCategoryCode ?? null,
      speciality: dto.speciality ?? null,
    };
    const named = Object.entries(follows).filter(([, value]) => value !== null);
    if (named.length > 1) {
      return named.map(([field]) => ({
        field,
        message:
          'a policy follows a credential type, a membership category or a speciality, not two',
      }));
    }
    const errors: FieldError[] = [];
    if (
      follows.membershipCategoryCode &&
      !(await this.categories.categoryCodes(within ?? this.transactions.reader)).some(
        (category) =>
          category.code === follows.membershipCategoryCode &&
          holdsFor(category.professionId, professionId),
      )
    ) {
      errors.push({
        field: 'membershipCategoryCode',
        message: `${follows.membershipCategoryCode} is no membership category`,
      });
    }
    const earlier = (await this.repository.policies(within ?? this.transactions.reader)).find(
      (policy) => policy.code === dto.code && policy.professionId === professionId,
    );
    if (
      earlier &&
      (Object.keys(follows) as (keyof typeof follows)[]).some(
        (field) => earlier[field] !== follows[field],
      )
    ) {
      errors.push({
        field: named[0]?.[0] ?? 'credentialTypeCode',
        message: `every version of ${dto.code} binds the same people as the first: ${
          earlier.credentialTypeCode ??
          earlier.membershipCategoryCode ??
          earlier.speciality ??
          'nobody yet'
        }`,
      });
    }
    return errors;
  }

  /** What stands in for credits is a credential type there is. */
  private async standInErrors(
    dto: CreateCpdPolicyDto,
    professionId: string | null,
    within?: EntityManager,
  ): Promise<FieldError[]> {
    if (!dto.rules.standIns?.length) return [];
    const types = await this.credentials.typesByCode(
      within ?? this.transactions.reader,
      professionId,
    );
    return dto.rules.standIns.flatMap((standIn, index) =>
      types.has(standIn.credentialTypeCode)
        ? []
        : [
            {
              field: `rules.standIns.${index}.credentialTypeCode`,
              message: `${standIn.credentialTypeCode} is no credential type`,
            },
          ],
    );
  }

  /** A member claims credits for their own activity; CPD staff may file one for a member. */
  async submitClaim(actor: Actor, dto: SubmitCpdClaimDto): Promise<CpdClaimResponse> {
    requireAccount(actor);
    const personId = await this.access.requireNamedPerson(actor, dto.personId);
    const id = await this.transactions.run(async (manager) => {
      await this.port.requireKnownDomain(manager, dto.domain, 'domain');
      const claimId = await this.repository.insertClaim(manager, {
        personId,
        title: dto.title,
        domain: dto.domain,
        category: dto.category,
        earnedOn: dto.earnedOn,
        creditsClaimed: dto.credits,
      });
      await this.audit.record(manager, actor, {
        action: 'cpd_claim.submitted',
        entityType: 'cpd_claim',
        entityId: claimId,
        after: { personId, domain: dto.domain, credits: dto.credits },
      });
      return claimId;
    });
    return this.getClaim(actor, id);
  }

  async listClaims(actor: Actor, query: CpdClaimsQuery): Promise<CpdClaimPage> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    const page: Page<CpdClaimResponse> = await paginate(
      this.repository.claimsQuery(
        this.transactions.reader,
        { personId, status: query.status },
        this.access.listCondition(actor, 'claim.person_id'),
      ),
      query,
      toClaimResponse,
    );
    return page;
  }

  async getClaim(actor: Actor, id: string): Promise<CpdClaimResponse> {
    await this.requireClaimAccess(actor, id);
    const claim = await this.repository.findClaim(this.transactions.reader, id);
    if (!claim) throw notFound(CLAIM, id);
    return toClaimResponse(claim);
  }

  /**
   * A CPD officer decides a submitted claim with a reason: approved (the credits granted may
   * differ from those claimed, and become a credit in the same transaction), rejected, or sent
   * back for more information. Concurrent decisions take turns on the claim's row: one decides.
   */
  async decideClaim(actor: Actor, id: string, dto: DecideCpdClaimDto): Promise<CpdClaimResponse> {
    const account = requireAccount(actor);
    if (dto.creditsGranted !== undefined && dto.decision !== 'approved') {
      throw new AppError('validation-failed', 'Check these fields: creditsGranted', {
        errors: [{ field: 'creditsGranted', message: 'creditsGranted goes with an approval only' }],
      });
    }
    await this.transactions.run(async (manager) => {
      const claim = await this.repository.lockClaim(manager, id);
      if (!claim) throw notFound(CLAIM, id);
      if (claim.status !== 'submitted') {
        throw new CpdError(
          'cpd-claim-not-open',
          `The claim is ${claim.status}: only a submitted claim is decided`,
          { currentStatus: claim.status },
        );
      }
      const granted =
        dto.decision === 'approved' ? (dto.creditsGranted ?? claim.creditsClaimed) : null;
      await this.repository.updateClaim(manager, id, {
        status: dto.decision,
        statusReason: dto.reason,
        creditsGranted: granted,
        decidedByAccountId: account.accountId,
        decidedAt: new Date(),
      });
      if (granted !== null) {
        await this.repository.insertCredit(manager, {
          personId: claim.personId,
          title: claim.title,
          domain: claim.domain,
          category: claim.category,
          earnedOn: claim.earnedOn,
          credits: granted,
          source: 'claim',
          claimId: claim.id,
          activityId: null,
        });
      }
      await this.audit.record(manager, actor, {
        action: `cpd_claim.${dto.decision}`,
        entityType: 'cpd_claim',
        entityId: id,
        before: { status: claim.status },
        after: { status: dto.decision, reason: dto.reason, creditsGranted: granted },
      });
    });
    return this.getClaim(actor, id);
  }

  /** A claim sent back for information goes again, with what was asked changed. */
  async resubmitClaim(
    actor: Actor,
    id: string,
    dto: ResubmitCpdClaimDto,
  ): Promise<CpdClaimResponse> {
    await this.requireClaimAccess(actor, id);
    await this.transactions.run(async (manager) => {
      const claim = await this.repository.lockClaim(manager, id);
      if (!claim) throw notFound(CLAIM, id);
      if (claim.status !== 'needs_info') {
        throw new CpdError(
          'cpd-claim-not-open',
          `The claim is ${claim.status}: only a claim sent back for information is sent again`,
          { currentStatus: claim.status },
        );
      }
      if (dto.domain) await this.port.requireKnownDomain(manager, dto.domain, 'domain');
      await this.repository.updateClaim(manager, id, {
        title: dto.title ?? claim.title,
        domain: dto.domain ?? claim.domain,
        category: dto.category ?? claim.category,
        earnedOn: dto.earnedOn ?? claim.earnedOn,
        creditsClaimed: dto.credits ?? claim.creditsClaimed,
        status: 'submitted',
        statusReason: null,
        submittedAt: new Date(),
      });
      await this.audit.record(manager, actor, {
        action: 'cpd_claim.resubmitted',
        entityType: 'cpd_claim',
        entityId: id,
        before: { status: claim.status },
        after: { status: 'submitted' },
      });
    });
    return this.getClaim(actor, id);
  }

  /**
   * Where a person stands on every CPD obligation they have today: each credential whose type a
   * policy follows is a cycle (its validity), read under the policy version in force when the
   * cycle began; remedial training an ethics decision imposed is another. Every credit recorded
   * counts toward each obligation it fits.
   */
  async transcript(actor: Actor, personIdAsked?: string): Promise<TranscriptResponse> {
    const personId = await this.personAsked(actor, personIdAsked);
    const today = this.calendar.today();
    return this.transcriptOf(personId, today);
  }

  /**
   * "If I add these activities, where would I stand?": the transcript with them counted as if
   * recorded (they may lie ahead), and nothing saved.
   */
  async whatIf(actor: Actor, dto: WhatIfDto): Promise<TranscriptResponse> {
    const personId = await this.personAsked(actor, dto.personId);
    const today = this.calendar.today();
    const planned = dto.activities.map((activity, index) => ({
      id: `what-if-${index + 1}`,
      title: activity.title ?? `Planned activity ${index + 1}`,
      domain: activity.domain,
      category: activity.category,
      earnedOn: activity.earnedOn,
      credits: activity.credits,
      source: 'what_if',
    }));
    return this.transcriptOf(personId, today, planned);
  }

  /**
   * A person's obligations and where each stood on `day`: the cycles open then, counted with the
   * credits earned by then under the rules then in force. What a standing reads; no access check
   * here (the standing asks it first).
   */
  async obligationsOn(personId: string, day: string): Promise<ObligationResponse[]> {
    const facts = await this.repository.transcriptFacts(this.transactions.reader, personId, day);
    return transcriptFrom(facts, personId, day, [], day).obligations;
  }

  private async personAsked(actor: Actor, personIdAsked?: string): Promise<string> {
    // Another's transcript answers as missing to a member, as any other record does.
    const personId = personIdAsked ?? requireOwnPerson(actor);
    await this.access.requirePerson(actor, personId);
    return personId;
  }

  private async transcriptOf(
    personId: string,
    today: string,
    planned: Omit<CreditRow, 'personId'>[] = [],
    earnedBy?: string,
  ): Promise<TranscriptResponse> {
    const facts = await this.repository.transcriptFacts(this.transactions.reader, personId, today);
    return transcriptFrom(facts, personId, today, planned, earnedBy);
  }

  private async requireClaimAccess(actor: Actor, id: string): Promise<void> {
    await this.access.require(actor, CLAIM, id, (ids) =>
      this.repository.ownersOfClaims(this.transactions.reader, ids),
    );
  }
}

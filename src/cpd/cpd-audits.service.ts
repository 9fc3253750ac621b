import { seriesNamed } from 'src/cpd/policy-series';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from 'src/audit/audit.service';
import { Access, requireAccount } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { notFound } from 'src/common/errors/app-error';
import { auditDraw } from 'src/cpd/cpd-rules';
import { CpdError } from 'src/cpd/cpd.errors';
import { CpdRepository } from 'src/cpd/cpd.repository';
import type {
  CpdAuditOutcomeDto,
  CpdAuditResponse,
  DrawCpdAuditDto,
  RemoveCpdCreditDto,
} from 'src/cpd/dto/cpd.dto';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { Transactions } from 'src/database/transactions';
import { MembershipPort } from 'src/membership/membership.port';
import type { CpdPolicy } from 'src/cpd/entities/cpd-policy.entity';

const AUDIT = 'CPD audit';

/**
 * Random CPD audits: a share of an obligation's holders drawn from a stored seed (the same seed
 * draws the same people), each picked member's credits backed by evidence files or removed with
 * a reason (a removed credit counts nowhere from that day), and an outcome per person.
 */
@Injectable()
export class CpdAuditsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CpdRepository,
    private readonly credentials: CredentialsPort,
    private readonly memberships: MembershipPort,
    private readonly access: Access,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
  ) {}

  async draw(actor: Actor, dto: DrawCpdAuditDto): Promise<CpdAuditResponse> {
    const account = requireAccount(actor);
    const asOf = dto.asOf ?? this.calendar.today();
    const seed = dto.seed ?? randomBytes(12).toString('base64url');
    const policies = await this.repository.policies(this.transactions.reader);
    const [policy] = seriesNamed(policies, dto.policy, dto.profession);
    if (
      !policy ||
      !(policy.credentialTypeCode ?? policy.membershipCategoryCode ?? policy.speciality)
    ) {
      throw new CpdError(
        'cpd-policy-not-audited',
        `${dto.policy} is no CPD policy that binds anyone: holders of a credential, or members`,
        { errors: [{ field: 'policy', message: 'policy names no policy with holders to audit' }] },
      );
    }
    const holders = policy.credentialTypeCode
      ? await this.credentials.holdersOfType(
          this.transactions.reader,
          policy.credentialTypeCode,
          asOf,
          policy.professionId,
        )
      : await this.membersBoundBy(policy, asOf);
    const picked = auditDraw(holders, seed, dto.sharePercent);
    const id = await this.transactions.run(async (manager) => {
      const auditId = await this.repository.insertAudit(
        manager,
        {
          policyCode: dto.policy,
          asOf,
          sharePercent: dto.sharePercent,
          seed,
          population: holders.length,
          drawnByAccountId: account.accountId,
        },
        picked,
      );
      await this.audit.record(manager, actor, {
        action: 'cpd_audit.drawn',
        entityType: 'cpd_audit',
        entityId: auditId,
        after: {
          policy: dto.policy,
          asOf,
          seed,
          population: holders.length,
          picked: picked.length,
        },
      });
      return auditId;
    });
    return this.get(id);
  }

  /** Every member in good standing a category's or speciality's policy binds, page by page. */
  private async membersBoundBy(policy: CpdPolicy, asOf: string): Promise<string[]> {
    const filter = {
      categoryCode: policy.membershipCategoryCode ?? undefined,
      speciality: policy.speciality ?? undefined,
      professionId: policy.professionId,
    };
    const personIds: string[] = [];
    for (let after = ''; ;) {
      const page = await this.memberships.cpdMembers(
        this.transactions.reader,
        filter,
        asOf,
        after,
        10_000,
      );
      personIds.push(...page.map((member) => member.personId));
      if (page.length < 10_000) return personIds;
      after = page.at(-1)!.memberNumber;
    }
  }

  async get(id: string): Promise<CpdAuditResponse> {
    const reader = this.transactions.reader;
    const found = await this.repository.findAudit(reader, id);
    if (!found) throw notFound(AUDIT, id);
    const members = await this.repository.auditMembers(reader, id);
    return {
      id: found.id,
      policy: found.policyCode,
      asOf: found.asOf,
      sharePercent: found.sharePercent,
      seed: found.seed,
      population: found.population,
      members: members.map(({ personId, outcome, outcomeReason }) => ({
        personId,
        outcome,
        outcomeReason,
      })),
    };
  }

  /** An audited credit without evidence is removed: it counts toward no obligation from today. */
  async removeCredit(
    actor: Actor,
    auditId: string,
    creditId: string,
    dto: RemoveCpdCreditDto,
  ): Promise<CpdAuditResponse> {
    await this.transactions.run(async (manager) => {
      const credit = await this.repository.lockCredit(manager, creditId);
      const member =
        credit && (await this.repository.lockAuditMember(manager, auditId, credit.personId));
      // A credit of someone the audit did not pick is not this audit's to remove.
      if (!credit || !member) throw notFound('Credit in this audit', creditId);
      if (credit.removedOn !== null) {
        throw new CpdError(
          'cpd-credit-removed',
          `The credit was removed on ${credit.removedOn}: ${credit.removedReason}`,
        );
      }
      const removedOn = this.calendar.today();
      await this.repository.removeCredit(manager, credit, {
        removedOn,
        removedReason: dto.reason,
        removedInAuditId: auditId,
      });
      await this.audit.record(manager, actor, {
        action: 'cpd_credit.removed',
        entityType: 'cpd_credit',
        entityId: creditId,
        before: { removedOn: null },
        after: { removedOn, reason: dto.reason, auditId },
      });
    });
    return this.get(auditId);
  }

  /** The audit's outcome for one person it picked, once, with a reason. */
  async decide(
    actor: Actor,
    auditId: string,
    personId: string,
    dto: CpdAuditOutcomeDto,
  ): Promise<CpdAuditResponse> {
    await this.transactions.run(async (manager) => {
      const member = await this.repository.lockAuditMember(manager, auditId, personId);
      if (!member) throw notFound('Person in this audit', personId);
      if (member.outcome !== 'pending') {
        throw new CpdError(
          'cpd-audit-decided',
          `The audit already ${member.outcome === 'passed' ? 'passed' : 'failed'} this person: ${member.outcomeReason}`,
        );
      }
      await this.repository.updateAuditMember(manager, auditId, personId, {
        outcome: dto.outcome,
        outcomeReason: dto.reason,
        decidedAt: new Date(),
      });
      await this.audit.record(manager, actor, {
        action: `cpd_audit.${dto.outcome}`,
        entityType: 'cpd_audit',
        entityId: auditId,
        after: { personId, outcome: dto.outcome, reason: dto.reason },
      });
    });
    return this.get(auditId);
  }
}

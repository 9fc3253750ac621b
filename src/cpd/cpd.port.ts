import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CpdComplianceService, type CpdShortfall } from 'src/cpd/cpd-compliance.service';
import { CpdError } from 'src/cpd/cpd.errors';
import { CpdRepository, type NewCpdCredit } from 'src/cpd/cpd.repository';
import type { TranscriptFacts } from 'src/cpd/cpd.read-model';
import { transcriptFrom } from 'src/cpd/transcript';
import type { ObligationResponse } from 'src/cpd/dto/cpd.dto';

/**
 * What other modules may ask of CPD: each method works in the caller's transaction (or says what
 * it reads through), takes no access decision and builds no response.
 */
@Injectable()
export class CpdPort {
  constructor(
    private readonly repository: CpdRepository,
    private readonly compliance: CpdComplianceService,
  ) {}

  /**
   * A person's CPD obligations on `day`, worked from facts read by the caller through
   * CPD_READ_MODEL.transcriptFactsJson (the standing reads them in its own statement).
   */
  obligationsFrom(personId: string, day: string, facts: TranscriptFacts): ObligationResponse[] {
    return transcriptFrom(facts, personId, day, [], day).obligations;
  }

  /**
   * Who is behind on a policy of a credential whose cycle ends by `lastDay`, a thousand at a
   * time: what the CPD shortfall reminder reads. A long read, outside any transaction.
   */
  shortfallsEndingBy(lastDay: string): AsyncGenerator<CpdShortfall[]> {
    return this.compliance.behindEndingBy(lastDay);
  }

  /**
   * Records, in the caller's transaction, the credit that approved volunteer hours proposed and
   * their volunteer accepted: once per hours entry (its unique key), counted everywhere it fits.
   */
  async recordVolunteeredCredit(
    manager: EntityManager,
    credit: Pick<
      NewCpdCredit,
      'personId' | 'title' | 'domain' | 'category' | 'earnedOn' | 'credits'
    > & {
      volunteerHoursId: string;
    },
  ): Promise<void> {
    await this.repository.insertCredit(manager, {
      ...credit,
      source: 'volunteering',
      claimId: null,
      activityId: null,
    });
  }

  /**
   * The credit from volunteer hours since corrected counts nowhere from `removedOn`; it stays,
   * with the reason. Nothing happens where the hours never became a credit.
   */
  async removeVolunteeredCredit(
    manager: EntityManager,
    volunteerHoursId: string,
    removedOn: string,
    reason: string,
  ): Promise<void> {
    const credit = await this.repository.lockVolunteeredCredit(manager, volunteerHoursId);
    if (!credit || credit.removedOn !== null) return;
    await this.repository.removeCredit(manager, credit, {
      removedOn,
      removedReason: reason,
      removedInAuditId: null,
    });
  }

  /** A credit's domain is one some policy counts: a typo would never count anywhere. */
  async requireKnownDomain(
    manager: Parameters<CpdRepository['policies']>[0],
    domain: string,
    field: string,
  ): Promise<void> {
    const known = new Set(
      (await this.repository.policies(manager)).flatMap((policy) =>
        policy.rules.domains.map((rule) => rule.code),
      ),
    );
    if (!known.has(domain)) {
      throw new CpdError(
        'cpd-unknown-domain',
        `No CPD policy counts credits of domain ${domain}; the domains are ${[...known].sort().join(', ') || 'none yet'}`,
        { errors: [{ field, message: `${field} is not a domain of any CPD policy` }] },
      );
    }
  }
}

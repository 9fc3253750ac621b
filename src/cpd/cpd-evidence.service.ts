import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Access } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { notFound } from 'src/common/errors/app-error';
import type { Upload } from 'src/common/http/upload';
import { CpdError } from 'src/cpd/cpd.errors';
import { CpdRepository } from 'src/cpd/cpd.repository';
import { Transactions } from 'src/database/transactions';
import type { EvidenceResponse } from 'src/evidence/dto/evidence.dto';
import { EvidencePort } from 'src/evidence/evidence.port';

const CLAIM = 'CPD claim';
const CREDIT = 'CPD credit';

/**
 * The evidence behind CPD credits: what a member sends with a claim (the paper, the certificate
 * from abroad) and what backs a credit in an audit. The member and CPD staff read it here; a
 * credit that came from a claim keeps the claim's evidence behind it.
 */
@Injectable()
export class CpdEvidenceService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CpdRepository,
    private readonly evidence: EvidencePort,
    private readonly access: Access,
  ) {}

  /** Evidence sent with an open claim (submitted, or sent back for information). */
  async attachToClaim(actor: Actor, claimId: string, upload: Upload): Promise<EvidenceResponse> {
    const claim = await this.claim(actor, claimId);
    if (claim.status !== 'submitted' && claim.status !== 'needs_info') {
      throw new CpdError(
        'cpd-claim-not-open',
        `The claim is ${claim.status}: evidence goes with a claim still to be decided`,
        { currentStatus: claim.status },
      );
    }
    return this.evidence.attach(
      actor,
      { personId: claim.personId, subjectType: 'cpd_claim', subjectId: claim.id },
      upload,
    );
  }

  async claimEvidence(actor: Actor, claimId: string): Promise<EvidenceResponse[]> {
    await this.claim(actor, claimId);
    return this.evidence.listFor('cpd_claim', claimId);
  }

  async openClaimEvidence(actor: Actor, claimId: string, documentId: string) {
    await this.claim(actor, claimId);
    return this.evidence.openOf('cpd_claim', claimId, documentId);
  }

  /** Evidence of a credit (a certificate of attendance): its owner or CPD staff. */
  async attachToCredit(actor: Actor, creditId: string, upload: Upload): Promise<EvidenceResponse> {
    const credit = await this.credit(actor, creditId);
    return this.evidence.attach(
      actor,
      { personId: credit.personId, subjectType: 'cpd_credit', subjectId: credit.id },
      upload,
    );
  }

  /** A credit's own evidence, and the evidence of the claim it came from. */
  async creditEvidence(actor: Actor, creditId: string): Promise<EvidenceResponse[]> {
    const credit = await this.credit(actor, creditId);
    return [
      ...(credit.claimId ? await this.evidence.listFor('cpd_claim', credit.claimId) : []),
      ...(await this.evidence.listFor('cpd_credit', creditId)),
    ];
  }

  async openCreditEvidence(
    actor: Actor,
    creditId: string,
    documentId: string,
  ): Promise<{ document: EvidenceResponse; content: Readable }> {
    const credit = await this.credit(actor, creditId);
    const ofClaim = credit.claimId
      ? (await this.evidence.listFor('cpd_claim', credit.claimId)).some(
          (document) => document.id === documentId,
        )
      : false;
    return ofClaim
      ? this.evidence.openOf('cpd_claim', credit.claimId!, documentId)
      : this.evidence.openOf('cpd_credit', creditId, documentId);
  }

  private async claim(actor: Actor, claimId: string) {
    await this.access.require(actor, CLAIM, claimId, (ids) =>
      this.repository.ownersOfClaims(this.transactions.reader, ids),
    );
    const claim = await this.repository.findClaim(this.transactions.reader, claimId);
    if (!claim) throw notFound(CLAIM, claimId);
    return claim;
  }

  private async credit(actor: Actor, creditId: string) {
    await this.access.require(actor, CREDIT, creditId, (ids) =>
      this.repository.ownersOfCredits(this.transactions.reader, ids),
    );
    const credit = await this.repository.findCredit(this.transactions.reader, creditId);
    if (!credit) throw notFound(CREDIT, creditId);
    return credit;
  }
}

import { Injectable } from '@nestjs/common';
import { Access, requireApiKey } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, type PageQuery, paginate } from 'src/common/paging';
import type {
  BulkVerificationItem,
  BulkVerificationResponse,
  VerificationLogEntryResponse,
} from 'src/credentials/dto/organisation-verification.dto';
import type { PublicCredentialResponse } from 'src/credentials/dto/public-credential.dto';
import { Transactions } from 'src/database/transactions';
import type { VerificationChannel } from 'src/credentials/entities/verification-log-entry.entity';
import { PublicVerificationService } from 'src/credentials/public-verification.service';
import { CredentialsRepository } from 'src/credentials/credentials.repository';

type ApiKeyActor = Extract<Actor, { kind: 'api_key' }>;

/** Checks by organisations (API keys): the same public answer, and each check kept in the verification log. */
@Injectable()
export class OrganisationVerificationService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CredentialsRepository,
    private readonly verification: PublicVerificationService,
    private readonly access: Access,
  ) {}

  async check(actor: Actor, number: string): Promise<PublicCredentialResponse> {
    const organisation = requireApiKey(actor);
    const found = await this.verification.findOne(number);
    if (!found) throw new AppError('not-found', 'No verified credential has this number');
    await this.log(organisation, [found.id], 'single');
    return found.answer;
  }

  async bulk(actor: Actor, numbers: string[]): Promise<BulkVerificationResponse> {
    const organisation = requireApiKey(actor);
    const unique = [...new Set(numbers.map((number) => number.trim()))];
    const found = await this.verification.findMany(unique);
    await this.log(
      organisation,
      [...found.values()].map(({ id }) => id),
      'bulk',
    );
    const results: BulkVerificationItem[] = unique.map((number) => {
      const hit = found.get(number);
      return hit ? { found: true, ...hit.answer } : { number, found: false };
    });
    return { results, found: found.size, notFound: unique.length - found.size };
  }

  /**
   * The holder of a verified credential shown to verifiers, for an organisation asking of their
   * standing: the same miss as a check for anything else, and the question kept in the holder's
   * verification log.
   */
  async holderForStanding(
    actor: Actor,
    number: string,
  ): Promise<{ personId: string; answer: PublicCredentialResponse }> {
    const organisation = requireApiKey(actor);
    const found = await this.verification.findOne(number);
    if (!found) throw new AppError('not-found', 'No verified credential has this number');
    const owners = await this.repository.ownersOf([found.id]);
    await this.log(organisation, [found.id], 'standing');
    return { personId: owners.get(found.id)!, answer: found.answer };
  }

  /** "Who verified me": the organisations that checked a credential, newest first (holder and staff). */
  async whoChecked(
    actor: Actor,
    credentialId: string,
    query: PageQuery,
  ): Promise<Page<VerificationLogEntryResponse>> {
    await this.access.require(actor, 'Credential', credentialId, (ids) =>
      this.repository.ownersOf(ids),
    );
    if (!(await this.repository.exists(this.transactions.reader, credentialId))) {
      throw notFound('Credential', credentialId);
    }
    const qb = this.repository.verificationLogQuery(credentialId);
    return paginate(qb, query, ({ organisation, channel, checkedAt }) => ({
      organisation,
      channel,
      checkedAt,
    }));
  }

  /** One statement for any number of checks: the log must not slow a bulk answer down. */
  private async log(
    actor: ApiKeyActor,
    credentialIds: string[],
    channel: VerificationChannel,
  ): Promise<void> {
    if (!credentialIds.length) return;
    await this.repository.logVerifications(credentialIds, {
      apiKeyId: actor.apiKeyId,
      organisation: actor.organisation,
      channel,
    });
  }
}

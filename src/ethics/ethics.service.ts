import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import type { AccountActor, Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import type { CodeVersionResponse, CreateCodeVersionDto } from 'src/ethics/dto/code.dto';
import type { CreatePledgeDto, PledgeResponse, PledgesQuery } from 'src/ethics/dto/pledge.dto';
import type { CodeVersion } from 'src/ethics/entities/code-version.entity';
import type { Pledge } from 'src/ethics/entities/pledge.entity';
import { Transactions } from 'src/database/transactions';
import { EthicsRepository } from 'src/ethics/ethics.repository';
import { EthicsError } from 'src/ethics/ethics.errors';

/** The code in force and a person's pledge to it, as the membership pipeline asks. */
export interface PledgeStanding {
  codeVersionId: string;
  version: string;
  pledged: boolean;
}

const toPledgeResponse = (pledge: Pledge): PledgeResponse => ({
  id: pledge.id,
  personId: pledge.personId,
  codeVersionId: pledge.codeVersionId,
  version: pledge.codeVersion?.version ?? '',
  pledgedAt: pledge.pledgedAt,
  ip: pledge.ip,
  userAgent: pledge.userAgent,
  recordedByAccountId: pledge.recordedByAccountId,
});

/** The code of ethics, versioned with dates, and the pledges members make to it. */
@Injectable()
export class EthicsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: EthicsRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
  ) {}

  async listCodes(): Promise<CodeVersionResponse[]> {
    const versions = await this.repository.listVersionsWithArticles(this.transactions.reader);
    const inForce = await this.versionInForce();
    return versions.map((version) => this.toCodeResponse(version, inForce?.id));
  }

  async currentCode(): Promise<CodeVersionResponse> {
    const inForce = await this.versionInForce();
    if (!inForce) throw new AppError('not-found', 'No version of the code of ethics is in force');
    return this.getCode(inForce.id);
  }

  async getCode(id: string): Promise<CodeVersionResponse> {
    const version = await this.repository.findVersionWithArticles(this.transactions.reader, id);
    if (!version) throw notFound('Code version', id);
    const inForce = await this.versionInForce();
    return this.toCodeResponse(version, inForce?.id);
  }

  /**
   * Publishes a new version. History is never rewritten: a version takes effect after every
   * version already published, so what was in force on a past date stays what it was.
   */
  async publish(actor: AccountActor, dto: CreateCodeVersionDto): Promise<CodeVersionResponse> {
    const numbers = dto.articles.map((article) => article.number);
    const repeated = numbers.findIndex((number, index) => numbers.indexOf(number) !== index);
    if (repeated >= 0) {
      throw new AppError('validation-failed', 'Check these fields: articles', {
        errors: [
          { field: `articles[${repeated}].number`, message: 'article numbers must be unique' },
        ],
      });
    }
    const id = await this.transactions.run(async (manager) => {
      // One publisher at a time, so the "after every version" rule holds under concurrency.
      const latest = await this.repository.lockPublishingAndLatestDate(manager);
      if (latest && dto.effectiveFrom <= latest) {
        throw new EthicsError(
          'code-version-out-of-order',
          `A new version must take effect after ${latest}, the date of the latest version`,
        );
      }
      const versionId = await this.repository.insertVersion(
        manager,
        { version: dto.version, title: dto.title, effectiveFrom: dto.effectiveFrom },
        dto.articles.map(({ number, title, text }) => ({ number, title: title ?? null, text })),
      );
      await this.audit.record(manager, actor, {
        action: 'ethics_code.published',
        entityType: 'ethics_code_version',
        entityId: versionId,
        after: { version: dto.version, effectiveFrom: dto.effectiveFrom, articles: numbers },
      });
      return versionId;
    });
    return this.getCode(id);
  }

  /** A member pledges to a version in force or published for later; staff record paper pledges. */
  async pledge(
    actor: Actor,
    dto: CreatePledgeDto,
    userAgent: string | null,
  ): Promise<PledgeResponse> {
    const account = requireAccount(actor);
    const staff = isStaffActor(actor);
    if (dto.personId && !staff) {
      throw new AppError('forbidden', 'Members pledge for themselves only');
    }
    const personId = staff && dto.personId ? dto.personId : requireOwnPerson(actor);
    const id = await this.transactions.run(async (manager) => {
      const version = await this.repository.findVersion(manager, dto.codeVersionId);
      if (!version) throw notFound('Code version', dto.codeVersionId);
      const inForce = await this.versionInForce(manager);
      if (inForce && version.effectiveFrom < inForce.effectiveFrom) {
        throw new EthicsError(
          'code-version-superseded',
          `${version.version} has been replaced by ${inForce.version}; pledge to the code in force`,
        );
      }
      const recordedBy = staff && dto.personId ? account.accountId : null;
      const pledgeId = await this.repository.insertPledge(manager, {
        personId,
        codeVersionId: version.id,
        ip: actor.ip,
        userAgent: userAgent?.slice(0, 400) ?? null,
        recordedByAccountId: recordedBy,
      });
      await this.audit.record(manager, actor, {
        action: 'ethics_pledge.made',
        entityType: 'ethics_pledge',
        entityId: pledgeId,
        after: { personId, version: version.version, recordedByAccountId: recordedBy },
      });
      return pledgeId;
    });
    const pledge = await this.repository.findPledgeWithVersion(this.transactions.reader, id);
    return toPledgeResponse(pledge);
  }

  async listPledges(actor: Actor, query: PledgesQuery): Promise<Page<PledgeResponse>> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    return paginate(this.repository.pledgesQuery(personId), query, toPledgeResponse);
  }

  /** Whether the person has pledged to the version in force (or to a later one already). */
  async pledgeStanding(personId: string, manager?: EntityManager): Promise<PledgeStanding | null> {
    const runner = manager ?? this.transactions.reader;
    const inForce = await this.versionInForce(runner);
    if (!inForce) return null;
    const pledged = await this.repository.pledgedSince(runner, personId, inForce.effectiveFrom);
    return { codeVersionId: inForce.id, version: inForce.version, pledged };
  }

  /** The version in force on a day (today by default): the latest whose date has come. */
  versionInForce(manager = this.transactions.reader, asOf = this.calendar.today()) {
    return this.repository.versionInForce(manager, asOf);
  }

  private toCodeResponse(version: CodeVersion, inForceId?: string): CodeVersionResponse {
    return {
      id: version.id,
      version: version.version,
      title: version.title,
      effectiveFrom: version.effectiveFrom,
      inForce: version.id === inForceId,
      articles: [...version.articles]
        .sort((a, b) => a.position - b.position)
        .map(({ number, title, text }) => ({ number, title, text })),
    };
  }
}

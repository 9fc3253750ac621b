import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import type { AccountActor, Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import type { CodeVersionResponse, CreateCodeVersionDto } from 'src/ethics/dto/code.dto';
import type { CreatePledgeDto, PledgeResponse, PledgesQuery } from 'src/ethics/dto/pledge.dto';
import { CodeArticle } from 'src/ethics/entities/code-article.entity';
import { CodeVersion } from 'src/ethics/entities/code-version.entity';
import { Pledge } from 'src/ethics/entities/pledge.entity';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: EthicsRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
  ) {}

  async listCodes(): Promise<CodeVersionResponse[]> {
    const versions = await this.dataSource
      .getRepository(CodeVersion)
      .find({ relations: { articles: true }, order: { effectiveFrom: 'DESC' } });
    const inForce = await this.versionInForce(this.dataSource.manager);
    return versions.map((version) => this.toCodeResponse(version, inForce?.id));
  }

  async currentCode(): Promise<CodeVersionResponse> {
    const inForce = await this.versionInForce(this.dataSource.manager);
    if (!inForce) throw new AppError('not-found', 'No version of the code of ethics is in force');
    return this.getCode(inForce.id);
  }

  async getCode(id: string): Promise<CodeVersionResponse> {
    const version = await this.dataSource
      .getRepository(CodeVersion)
      .findOne({ where: { id }, relations: { articles: true } });
    if (!version) throw notFound('Code version', id);
    const inForce = await this.versionInForce(this.dataSource.manager);
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
    const id = await this.dataSource.transaction(async (manager) => {
      // One publisher at a time, so the "after every version" rule holds under concurrency.
      const latest = await this.repository.lockPublishingAndLatestDate(manager);
      if (latest && dto.effectiveFrom <= latest) {
        throw new EthicsError(
          'code-version-out-of-order',
          `A new version must take effect after ${latest}, the date of the latest version`,
        );
      }
      const version = await manager.save(
        manager.create(CodeVersion, {
          version: dto.version,
          title: dto.title,
          effectiveFrom: dto.effectiveFrom,
        }),
      );
      await manager.insert(
        CodeArticle,
        dto.articles.map((article, index) => ({
          codeVersionId: version.id,
          position: index + 1,
          number: article.number,
          title: article.title ?? null,
          text: article.text,
        })),
      );
      await this.audit.record(manager, actor, {
        action: 'ethics_code.published',
        entityType: 'ethics_code_version',
        entityId: version.id,
        after: { version: dto.version, effectiveFrom: dto.effectiveFrom, articles: numbers },
      });
      return version.id;
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
    const id = await this.dataSource.transaction(async (manager) => {
      const version = await manager.findOneBy(CodeVersion, { id: dto.codeVersionId });
      if (!version) throw notFound('Code version', dto.codeVersionId);
      const inForce = await this.versionInForce(manager);
      if (inForce && version.effectiveFrom < inForce.effectiveFrom) {
        throw new EthicsError(
          'code-version-superseded',
          `${version.version} has been replaced by ${inForce.version}; pledge to the code in force`,
        );
      }
      const recordedBy = staff && dto.personId ? account.accountId : null;
      const { identifiers } = await manager.insert(Pledge, {
        personId,
        codeVersionId: version.id,
        ip: actor.ip,
        userAgent: userAgent?.slice(0, 400) ?? null,
        recordedByAccountId: recordedBy,
      });
      const pledgeId = identifiers[0].id as string;
      await this.audit.record(manager, actor, {
        action: 'ethics_pledge.made',
        entityType: 'ethics_pledge',
        entityId: pledgeId,
        after: { personId, version: version.version, recordedByAccountId: recordedBy },
      });
      return pledgeId;
    });
    const pledge = await this.dataSource
      .getRepository(Pledge)
      .findOneOrFail({ where: { id }, relations: { codeVersion: true } });
    return toPledgeResponse(pledge);
  }

  async listPledges(actor: Actor, query: PledgesQuery): Promise<Page<PledgeResponse>> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    return paginate(this.repository.pledgesQuery(personId), query, toPledgeResponse);
  }

  /** Whether the person has pledged to the version in force (or to a later one already). */
  async pledgeStanding(personId: string, manager?: EntityManager): Promise<PledgeStanding | null> {
    const runner = manager ?? this.dataSource.manager;
    const inForce = await this.versionInForce(runner);
    if (!inForce) return null;
    const pledged = await this.repository.pledgedSince(runner, personId, inForce.effectiveFrom);
    return { codeVersionId: inForce.id, version: inForce.version, pledged };
  }

  /** The version in force on a day (today by default): the latest whose date has come. */
  versionInForce(manager: EntityManager, asOf = this.calendar.today()) {
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

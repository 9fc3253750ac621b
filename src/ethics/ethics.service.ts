import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import type { AccountActor, Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import type {
  CodesQuery,
  CodeVersionResponse,
  CorrectCodeVersionDto,
  CreateCodeVersionDto,
  WithdrawCodeVersionDto,
} from 'src/ethics/dto/code.dto';
import type { CreatePledgeDto, PledgeResponse, PledgesQuery } from 'src/ethics/dto/pledge.dto';
import type { CodeVersion } from 'src/ethics/entities/code-version.entity';
import type { Pledge } from 'src/ethics/entities/pledge.entity';
import { Transactions } from 'src/database/transactions';
import { ProfessionsPort } from 'src/professions/professions.port';
import { EthicsPort } from 'src/ethics/ethics.port';
import { EthicsRepository } from 'src/ethics/ethics.repository';
import { EthicsError } from 'src/ethics/ethics.errors';

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

/** The code of ethics of each profession, versioned with dates, and the pledges members make to it. */
@Injectable()
export class EthicsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: EthicsRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly professions: ProfessionsPort,
    private readonly access: Access,
    private readonly port: EthicsPort,
  ) {}

  /** Every version, newest first: of one profession's code, or of all when none is named. */
  async listCodes(query: CodesQuery = {}, within?: EntityManager): Promise<CodeVersionResponse[]> {
    const professionId = query.profession
      ? await this.professionOfCode(query.profession)
      : undefined;
    const versions = await this.repository.listVersionsWithArticles(
      within ?? this.transactions.reader,
      professionId,
    );
    const inForce = new Map<string, string | undefined>();
    for (const id of new Set(versions.map((version) => version.professionId))) {
      inForce.set(id, (await this.versionInForce(id, within))?.id);
    }
    return versions.map((version) =>
      this.toCodeResponse(version, inForce.get(version.professionId)),
    );
  }

  async currentCode(query: CodesQuery = {}): Promise<CodeVersionResponse> {
    const professionId = query.profession
      ? await this.professionOfCode(query.profession)
      : await this.onlyProfessionWithCode();
    const inForce = await this.versionInForce(professionId);
    if (!inForce) throw new AppError('not-found', 'No version of the code of ethics is in force');
    return this.getCode(inForce.id);
  }

  async getCode(id: string, within?: EntityManager): Promise<CodeVersionResponse> {
    const version = await this.repository.findVersionWithArticles(
      within ?? this.transactions.reader,
      id,
    );
    if (!version) throw notFound('Code version', id);
    const inForce = await this.versionInForce(version.professionId, within);
    return this.toCodeResponse(version, inForce?.id);
  }

  /**
   * Publishes a new version of a profession's code. History is never rewritten: a version takes
   * effect after every version of that code already published (and not withdrawn), so what was
   * in force on a past date stays what it was. Each profession's code has its own dates.
   */
  async publish(
    actor: Actor,
    dto: CreateCodeVersionDto,
    within?: EntityManager,
  ): Promise<CodeVersionResponse> {
    this.requireDistinctArticles(dto.articles);
    const professionId = dto.professionId ?? (await this.onlyActiveProfession(within));
    const id = await this.transactions.run(async (manager) => {
      const latest = await this.repository.lockPublishingAndLatestDate(manager, professionId);
      if (latest && dto.effectiveFrom <= latest) {
        throw new EthicsError(
          'code-version-out-of-order',
          `A new version must take effect after ${latest}, the date of the latest version of this profession's code`,
        );
      }
      const versionId = await this.repository.insertVersion(
        manager,
        { professionId, version: dto.version, title: dto.title, effectiveFrom: dto.effectiveFrom },
        dto.articles.map(({ number, title, text }) => ({ number, title: title ?? null, text })),
      );
      await this.audit.record(manager, actor, {
        action: 'ethics_code.published',
        entityType: 'ethics_code_version',
        entityId: versionId,
        after: {
          professionId,
          version: dto.version,
          effectiveFrom: dto.effectiveFrom,
          articles: dto.articles.map((article) => article.number),
        },
      });
      return versionId;
    }, within);
    return this.getCode(id, within);
  }

  /** Corrects a version before it takes effect; the audit trail keeps what it said before. */
  async correct(
    actor: AccountActor,
    id: string,
    dto: CorrectCodeVersionDto,
  ): Promise<CodeVersionResponse> {
    if (dto.articles) this.requireDistinctArticles(dto.articles);
    await this.transactions.run(async (manager) => {
      const version = await this.lockUnsettled(manager, id, 'corrected');
      const effectiveFrom = dto.effectiveFrom ?? version.effectiveFrom;
      if (effectiveFrom <= this.calendar.today()) {
        throw new EthicsError(
          'code-version-settled',
          `A correction must leave ${version.version} to take effect after today (${this.calendar.today()})`,
        );
      }
      if (dto.effectiveFrom !== undefined && dto.effectiveFrom !== version.effectiveFrom) {
        const latest = await this.repository.lockPublishingAndLatestDate(
          manager,
          version.professionId,
        );
        // Its own date is the latest when nothing follows it; then any later date is in order.
        if (latest && latest !== version.effectiveFrom && effectiveFrom <= latest) {
          throw new EthicsError(
            'code-version-out-of-order',
            `${version.version} must take effect after ${latest}, the date of the latest version of this profession's code`,
          );
        }
      }
      const articles = dto.articles?.map(({ number, title, text }) => ({
        number,
        title: title ?? null,
        text,
      }));
      await this.repository.correctVersion(
        manager,
        id,
        {
          ...(dto.title !== undefined && { title: dto.title }),
          ...(dto.effectiveFrom !== undefined && { effectiveFrom: dto.effectiveFrom }),
        },
        articles,
      );
      await this.audit.record(manager, actor, {
        action: 'ethics_code.corrected',
        entityType: 'ethics_code_version',
        entityId: id,
        before: {
          title: version.title,
          effectiveFrom: version.effectiveFrom,
          ...(articles && { articles: this.articlesOf(version) }),
        },
        after: {
          title: dto.title ?? version.title,
          effectiveFrom,
          ...(articles && { articles }),
        },
      });
    });
    return this.getCode(id);
  }

  /**
   * Withdraws a version with a reason: it is never in force again (the version before it is, if
   * its date has come) and stays on record with its pledges, as what was published.
   */
  async withdraw(
    actor: AccountActor,
    id: string,
    dto: WithdrawCodeVersionDto,
  ): Promise<CodeVersionResponse> {
    await this.transactions.run(async (manager) => {
      const version = await this.repository.lockVersion(manager, id);
      if (!version) throw notFound('Code version', id);
      if (version.withdrawnAt) {
        throw new EthicsError(
          'code-version-settled',
          `${version.version} was withdrawn on ${version.withdrawnAt.toISOString().slice(0, 10)}`,
        );
      }
      await this.repository.withdrawVersion(manager, id, dto.reason);
      await this.audit.record(manager, actor, {
        action: 'ethics_code.withdrawn',
        entityType: 'ethics_code_version',
        entityId: id,
        before: { withdrawn: false },
        after: { withdrawn: true, reason: dto.reason },
      });
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
    const personId = await this.access.requireNamedPerson(actor, dto.personId);
    const id = await this.transactions.run(async (manager) => {
      const version = await this.repository.findVersion(manager, dto.codeVersionId);
      if (!version) throw notFound('Code version', dto.codeVersionId);
      const inForce = await this.versionInForce(version.professionId, manager);
      if (version.withdrawnAt || (inForce && version.effectiveFrom < inForce.effectiveFrom)) {
        throw new EthicsError(
          'code-version-superseded',
          version.withdrawnAt
            ? `${version.version} was withdrawn; pledge to the code in force`
            : `${version.version} has been replaced by ${inForce!.version}; pledge to the code in force`,
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
    return paginate(
      this.repository.pledgesQuery(personId, this.access.listCondition(actor, 'pledge.person_id')),
      query,
      toPledgeResponse,
    );
  }

  /** The version of a profession's code in force on a day (today by default). */
  versionInForce(
    professionId: string,
    manager: EntityManager = this.transactions.reader,
    asOf = this.calendar.today(),
  ) {
    return this.repository.versionInForce(manager, professionId, asOf);
  }

  /** The one profession that has a code, for readers who name none (a one-profession association). */
  onlyProfessionWithCode(): Promise<string> {
    return this.port.onlyProfessionWithCode(this.transactions.reader);
  }

  private async onlyActiveProfession(within?: EntityManager): Promise<string> {
    const active = await this.professions.active(within ?? this.transactions.reader);
    if (active.length === 1) return active[0].id;
    throw new EthicsError(
      'profession-required',
      `Name the profession whose code this is (professionId): ${active.map((p) => p.code).join(', ') || 'none is configured'}`,
    );
  }

  private async professionOfCode(code: string): Promise<string> {
    const profession = await this.professions.byCode(this.transactions.reader, code);
    if (!profession) throw new AppError('not-found', `There is no profession ${code}`);
    return profession.id;
  }

  private async lockUnsettled(manager: EntityManager, id: string, what: string) {
    const version = await this.repository.lockVersion(manager, id);
    if (!version) throw notFound('Code version', id);
    if (version.withdrawnAt || version.effectiveFrom <= this.calendar.today()) {
      throw new EthicsError(
        'code-version-settled',
        version.withdrawnAt
          ? `${version.version} was withdrawn; it is not ${what}`
          : `${version.version} took effect on ${version.effectiveFrom}; it is not ${what}: publish a new version`,
      );
    }
    return version;
  }

  private requireDistinctArticles(articles: { number: string }[]): void {
    const numbers = articles.map((article) => article.number);
    const repeated = numbers.findIndex((number, index) => numbers.indexOf(number) !== index);
    if (repeated >= 0) {
      throw new AppError('validation-failed', 'Check these fields: articles', {
        errors: [
          { field: `articles[${repeated}].number`, message: 'article numbers must be unique' },
        ],
      });
    }
  }

  private articlesOf(version: CodeVersion) {
    return [...version.articles]
      .sort((a, b) => a.position - b.position)
      .map(({ number, title, text }) => ({ number, title, text }));
  }

  private toCodeResponse(version: CodeVersion, inForceId?: string): CodeVersionResponse {
    return {
      id: version.id,
      professionId: version.professionId,
      version: version.version,
      title: version.title,
      effectiveFrom: version.effectiveFrom,
      inForce: version.id === inForceId,
      withdrawnAt: version.withdrawnAt,
      withdrawnReason: version.withdrawnReason,
      articles: this.articlesOf(version),
    };
  }
}

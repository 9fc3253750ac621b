import { Injectable } from '@nestjs/common';
import type { ScopeCondition } from 'src/auth/access';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { CodeArticle } from 'src/ethics/entities/code-article.entity';
import { CodeVersion } from 'src/ethics/entities/code-version.entity';
import { Pledge } from 'src/ethics/entities/pledge.entity';

/** Every query of the code of ethics and pledges, named. */
@Injectable()
export class EthicsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Locks publishing of one profession's code for the caller's transaction (one publisher at a
   * time) and returns the date of its latest version not withdrawn, which a new one must follow.
   */
  async lockPublishingAndLatestDate(
    manager: EntityManager,
    professionId: string,
  ): Promise<string | undefined> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ethics-code-publish:' || $1))`, [
      professionId,
    ]);
    const [latest] = await manager.query<{ effective_from: string }[]>(
      `SELECT effective_from::text FROM ethics_code_versions
        WHERE profession_id = $1 AND withdrawn_at IS NULL
        ORDER BY effective_from DESC LIMIT 1`,
      [professionId],
    );
    return latest?.effective_from;
  }

  /** The professions that have a code of ethics (a version not withdrawn). */
  async professionsWithCodes(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ profession_id: string }[]>(
      `SELECT DISTINCT profession_id FROM ethics_code_versions WHERE withdrawn_at IS NULL`,
    );
    return rows.map((row) => row.profession_id);
  }

  listVersionsWithArticles(manager: EntityManager, professionId?: string): Promise<CodeVersion[]> {
    return manager.find(CodeVersion, {
      where: professionId ? { professionId } : {},
      relations: { articles: true },
      order: { effectiveFrom: 'DESC' },
    });
  }

  findVersion(manager: EntityManager, id: string): Promise<CodeVersion | null> {
    return manager.findOneBy(CodeVersion, { id });
  }

  findVersionWithArticles(manager: EntityManager, id: string): Promise<CodeVersion | null> {
    return manager.findOne(CodeVersion, { where: { id }, relations: { articles: true } });
  }

  /** Inserts a version and its articles, numbered in the order given; returns the version's id. */
  async insertVersion(
    manager: EntityManager,
    version: Pick<CodeVersion, 'professionId' | 'version' | 'title' | 'effectiveFrom'>,
    articles: Pick<CodeArticle, 'number' | 'title' | 'text'>[],
  ): Promise<string> {
    const saved = await manager.save(manager.create(CodeVersion, version));
    await manager.insert(
      CodeArticle,
      articles.map((article, index) => ({
        ...article,
        codeVersionId: saved.id,
        position: index + 1,
      })),
    );
    return saved.id;
  }

  /** The version, locked until the caller's transaction ends: changes to one version queue. */
  lockVersion(manager: EntityManager, id: string): Promise<CodeVersion | null> {
    return manager.findOne(CodeVersion, {
      where: { id },
      relations: { articles: true },
      lock: { mode: 'pessimistic_write', tables: ['ethics_code_versions'] },
    });
  }

  async correctVersion(
    manager: EntityManager,
    id: string,
    values: Partial<Pick<CodeVersion, 'title' | 'effectiveFrom'>>,
    articles?: Pick<CodeArticle, 'number' | 'title' | 'text'>[],
  ): Promise<void> {
    if (Object.keys(values).length) await manager.update(CodeVersion, { id }, values);
    if (!articles) return;
    await manager.delete(CodeArticle, { codeVersionId: id });
    await manager.insert(
      CodeArticle,
      articles.map((article, index) => ({ ...article, codeVersionId: id, position: index + 1 })),
    );
  }

  async withdrawVersion(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.update(CodeVersion, { id }, { withdrawnAt: new Date(), withdrawnReason: reason });
  }

  async insertPledge(
    manager: EntityManager,
    values: Pick<Pledge, 'personId' | 'codeVersionId' | 'ip' | 'userAgent' | 'recordedByAccountId'>,
  ): Promise<string> {
    const { identifiers } = await manager.insert(Pledge, values);
    return identifiers[0].id as string;
  }

  findPledgeWithVersion(manager: EntityManager, id: string): Promise<Pledge> {
    return manager.findOneOrFail(Pledge, { where: { id }, relations: { codeVersion: true } });
  }

  /** Pledges with their version, newest first (for paging). */
  pledgesQuery(personId?: string, scope?: ScopeCondition | null): SelectQueryBuilder<Pledge> {
    const qb = this.dataSource
      .getRepository(Pledge)
      .createQueryBuilder('pledge')
      .innerJoinAndSelect('pledge.codeVersion', 'version')
      .orderBy('pledge.pledgedAt', 'DESC')
      .addOrderBy('pledge.id', 'ASC');
    if (personId) qb.andWhere('pledge.person_id = :personId', { personId });
    if (scope) qb.andWhere(scope.sql, scope.parameters);
    return qb;
  }

  /**
   * Whether the person pledged to a version of this profession's code, not withdrawn, that took
   * effect on `since` or later.
   */
  async pledgedSince(
    manager: EntityManager,
    personId: string,
    professionId: string,
    since: string,
  ): Promise<boolean> {
    const [row] = await manager.query<{ pledged: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM ethics_pledges p JOIN ethics_code_versions v ON v.id = p.code_version_id
          WHERE p.person_id = $1 AND v.profession_id = $2 AND v.withdrawn_at IS NULL
            AND v.effective_from >= $3) AS pledged`,
      [personId, professionId, since],
    );
    return row.pledged;
  }

  /** The latest version of a profession's code, not withdrawn, whose date has come by `asOf`. */
  versionInForce(
    manager: EntityManager,
    professionId: string,
    asOf: string,
  ): Promise<CodeVersion | null> {
    return manager
      .getRepository(CodeVersion)
      .createQueryBuilder('version')
      .where('version.profession_id = :professionId', { professionId })
      .andWhere('version.withdrawn_at IS NULL')
      .andWhere('version.effective_from <= :asOf', { asOf })
      .orderBy('version.effective_from', 'DESC')
      .getOne();
  }
}

import { Injectable } from '@nestjs/common';
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
   * Locks publishing for the caller's transaction (one publisher at a time) and returns the date
   * of the latest version, which a new one must follow.
   */
  async lockPublishingAndLatestDate(manager: EntityManager): Promise<string | undefined> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('ethics-code-publish'))`);
    const [latest] = await manager.query<{ effective_from: string }[]>(
      `SELECT effective_from::text FROM ethics_code_versions ORDER BY effective_from DESC LIMIT 1`,
    );
    return latest?.effective_from;
  }

  listVersionsWithArticles(manager: EntityManager): Promise<CodeVersion[]> {
    return manager.find(CodeVersion, {
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
    version: Pick<CodeVersion, 'version' | 'title' | 'effectiveFrom'>,
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
  pledgesQuery(personId?: string): SelectQueryBuilder<Pledge> {
    const qb = this.dataSource
      .getRepository(Pledge)
      .createQueryBuilder('pledge')
      .innerJoinAndSelect('pledge.codeVersion', 'version')
      .orderBy('pledge.pledgedAt', 'DESC')
      .addOrderBy('pledge.id', 'ASC');
    if (personId) qb.andWhere('pledge.person_id = :personId', { personId });
    return qb;
  }

  /** Whether the person pledged to a version that took effect on `since` or later. */
  async pledgedSince(manager: EntityManager, personId: string, since: string): Promise<boolean> {
    const [row] = await manager.query<{ pledged: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM ethics_pledges p JOIN ethics_code_versions v ON v.id = p.code_version_id
          WHERE p.person_id = $1 AND v.effective_from >= $2) AS pledged`,
      [personId, since],
    );
    return row.pledged;
  }

  /** The latest version whose date has come by `asOf`. */
  versionInForce(manager: EntityManager, asOf: string): Promise<CodeVersion | null> {
    return manager
      .getRepository(CodeVersion)
      .createQueryBuilder('version')
      .where('version.effective_from <= :asOf', { asOf })
      .orderBy('version.effective_from', 'DESC')
      .getOne();
  }
}

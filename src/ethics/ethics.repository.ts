import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
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

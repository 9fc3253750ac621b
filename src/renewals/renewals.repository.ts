import { Injectable } from '@nestjs/common';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ScopeCondition } from 'src/auth/access';
import { RenewalRequest } from 'src/renewals/entities/renewal-request.entity';

/** Every query of renewal requests, named. */
@Injectable()
export class RenewalsRepository {
  find(manager: EntityManager, id: string): Promise<RenewalRequest | null> {
    return manager.findOneBy(RenewalRequest, { id });
  }

  /** Locks a request for its decision: concurrent decisions take turns, and one decides. */
  lock(manager: EntityManager, id: string): Promise<RenewalRequest | null> {
    return manager.findOne(RenewalRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(
    manager: EntityManager,
    values: Pick<
      RenewalRequest,
      | 'personId'
      | 'credentialId'
      | 'membershipId'
      | 'endsOn'
      | 'eligibility'
      | 'submittedByAccountId'
    >,
  ): Promise<string> {
    const { identifiers } = await manager.insert(RenewalRequest, values);
    return identifiers[0].id as string;
  }

  async decide(
    manager: EntityManager,
    id: string,
    values: Pick<
      RenewalRequest,
      | 'status'
      | 'reason'
      | 'automatic'
      | 'newStartsOn'
      | 'newEndsOn'
      | 'decidedByAccountId'
      | 'eligibility'
    >,
  ): Promise<void> {
    await manager.update(RenewalRequest, { id }, { ...values, decidedAt: new Date() });
  }

  async ownersOf(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = await manager
      .createQueryBuilder(RenewalRequest, 'renewal')
      .select(['renewal.id', 'renewal.personId'])
      .whereInIds(ids)
      .getMany();
    return new Map(rows.map((row) => [row.id, row.personId]));
  }

  pageQuery(
    manager: EntityManager,
    filters: { personId?: string; status?: string },
    scope: ScopeCondition | null,
  ): SelectQueryBuilder<RenewalRequest> {
    const qb = manager
      .createQueryBuilder(RenewalRequest, 'renewal')
      .orderBy('renewal.submittedAt', 'DESC')
      .addOrderBy('renewal.id', 'ASC');
    if (filters.personId)
      qb.andWhere('renewal.personId = :personId', { personId: filters.personId });
    if (filters.status) qb.andWhere('renewal.status = :status', { status: filters.status });
    if (scope) qb.andWhere(scope.sql, scope.parameters);
    return qb;
  }
}

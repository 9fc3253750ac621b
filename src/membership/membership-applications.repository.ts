import { Injectable } from '@nestjs/common';
import type { ScopeCondition } from 'src/auth/access';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import { MembershipApplication } from 'src/membership/entities/membership-application.entity';
import { MembershipCategory } from 'src/membership/entities/membership-category.entity';
import { Membership } from 'src/membership/entities/membership.entity';
import type { ApplicationStatus } from 'src/membership/membership-rules';

/** Queries of membership applications, named. */
@Injectable()
export class MembershipApplicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Applications with their category; oldest submission first, drafts last (the queue). */
  applicationsQuery(filters: {
    personId?: string;
    status?: ApplicationStatus;
    categoryId?: string;
    chapterId?: string;
    reviewerAccountId?: string;
    scope?: ScopeCondition | null;
  }): SelectQueryBuilder<MembershipApplication> {
    const qb = this.dataSource
      .getRepository(MembershipApplication)
      .createQueryBuilder('application')
      .innerJoinAndSelect('application.category', 'category');
    if (filters.personId)
      qb.andWhere('application.person_id = :personId', { personId: filters.personId });
    if (filters.status) qb.andWhere('application.status = :status', { status: filters.status });
    if (filters.categoryId)
      qb.andWhere('application.category_id = :categoryId', { categoryId: filters.categoryId });
    if (filters.chapterId)
      qb.andWhere('application.chapter_id = :chapterId', { chapterId: filters.chapterId });
    if (filters.reviewerAccountId)
      qb.andWhere('application.reviewer_account_id = :reviewer', {
        reviewer: filters.reviewerAccountId,
      });
    if (filters.scope) qb.andWhere(filters.scope.sql, filters.scope.parameters);
    return qb
      .orderBy('application.submittedAt', 'ASC', 'NULLS LAST')
      .addOrderBy('application.createdAt', 'ASC');
  }

  /** The person each of these records belongs to (access before load). */
  async ownersOf(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.getRepository(MembershipApplication).find({
      where: { id: In(ids) },
      select: { id: true, personId: true },
    });
    return new Map(rows.map((application) => [application.id, application.personId]));
  }

  findWithCategory(manager: EntityManager, id: string): Promise<MembershipApplication | null> {
    return manager.findOne(MembershipApplication, { where: { id }, relations: { category: true } });
  }

  lock(manager: EntityManager, id: string): Promise<MembershipApplication | null> {
    return manager.findOne(MembershipApplication, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findCategory(manager: EntityManager, id: string): Promise<MembershipCategory | null> {
    return manager.findOneBy(MembershipCategory, { id });
  }

  insertDraft(
    manager: EntityManager,
    values: Pick<
      MembershipApplication,
      'personId' | 'categoryId' | 'chapterId' | 'speciality' | 'createdByAccountId'
    >,
  ): Promise<MembershipApplication> {
    return manager.save(manager.create(MembershipApplication, { ...values, status: 'draft' }));
  }

  async updateStatus(
    manager: EntityManager,
    id: string,
    values: Partial<
      Omit<
        MembershipApplication,
        'person' | 'category' | 'chapter' | 'reviewer' | 'decidedBy' | 'createdBy'
      >
    > & {
      status: ApplicationStatus;
    },
  ): Promise<void> {
    await manager.update(MembershipApplication, id, values);
  }

  /** The membership each of these applications led to, where it has one. */
  async membershipIdsOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const memberships = await this.dataSource.getRepository(Membership).find({
      where: { applicationId: In(ids) },
      select: { id: true, applicationId: true },
    });
    return new Map(memberships.map((membership) => [membership.applicationId!, membership.id]));
  }
}

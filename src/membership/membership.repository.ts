import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { ApplicationStatus } from 'src/membership/membership-rules';
import { MembershipApplication } from 'src/membership/entities/membership-application.entity';

/** Queries of applications and memberships, named. */
@Injectable()
export class MembershipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Applications with their category; oldest submission first, drafts last (the queue). */
  applicationsQuery(filters: {
    personId?: string;
    status?: ApplicationStatus;
    categoryId?: string;
    chapterId?: string;
    reviewerAccountId?: string;
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
    return qb
      .orderBy('application.submittedAt', 'ASC', 'NULLS LAST')
      .addOrderBy('application.createdAt', 'ASC');
  }

  /** The fee invoice and the membership each application led to, where it has them. */
  async applicationLinks(
    ids: string[],
  ): Promise<{ id: string; feeInvoiceId: string | null; membershipId: string | null }[]> {
    const rows = await this.dataSource.query<
      { id: string; fee_invoice_id: string | null; membership_id: string | null }[]
    >(
      `SELECT a.id, i.id AS fee_invoice_id, m.id AS membership_id
         FROM membership_applications a
         LEFT JOIN invoices i ON i.application_id = a.id
         LEFT JOIN memberships m ON m.application_id = a.id
        WHERE a.id = ANY($1)`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      feeInvoiceId: row.fee_invoice_id,
      membershipId: row.membership_id,
    }));
  }
}

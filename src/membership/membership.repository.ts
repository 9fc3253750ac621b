import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { ApplicationStatus } from 'src/membership/membership-rules';
import { MembershipApplication } from 'src/membership/entities/membership-application.entity';

const IMPORT_LOCK_KEY = 'guildhall:membership-import';

/** Queries of applications, memberships and imports, named. */
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

  /** The database session of the caller's transaction: its backend's pid and start. */
  async sessionOf(manager: EntityManager): Promise<{ pid: number; started: Date }> {
    const [session] = await manager.query<{ pid: number; started: Date }[]>(
      `SELECT pid, backend_start AS started FROM pg_stat_activity WHERE pid = pg_backend_pid()`,
    );
    return session;
  }

  /** Imports that write run one after another: a lock held until the caller's transaction ends. */
  async lockImports(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [IMPORT_LOCK_KEY]);
  }

  /**
   * Fails the runs whose database session has ended without them finishing: the process running
   * them died, and their transaction rolled back with it.
   */
  async failAbandonedImports(): Promise<void> {
    await this.dataSource.query(
      `UPDATE membership_imports i
          SET status = 'failed', processed_rows = 0, created = NULL, unchanged = NULL,
              finished_at = now(),
              failure_reason = 'The process running it stopped before it finished; nothing was written'
        WHERE i.status = 'running'
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                           WHERE a.pid = i.backend_pid
                             -- kept to the millisecond, as a JavaScript Date holds it
                             AND date_trunc('milliseconds', a.backend_start) = i.backend_start)`,
    );
  }

  /** Member numbers of these people, and the holders of these numbers, as one list. */
  memberNumbersOf(
    manager: EntityManager,
    personIds: string[],
    memberNumbers: string[],
  ): Promise<{ person_id: string; member_number: string }[]> {
    return manager.query<{ person_id: string; member_number: string }[]>(
      `SELECT person_id, member_number FROM memberships
        WHERE person_id = ANY($1) OR member_number = ANY($2)`,
      [personIds, memberNumbers],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { ApplicationStatus } from 'src/membership/membership-rules';
import { Invoice } from 'src/membership/entities/invoice.entity';
import { MembershipApplication } from 'src/membership/entities/membership-application.entity';
import { Membership } from 'src/membership/entities/membership.entity';
import { SUMMARY_COLUMNS, type SummaryRow } from 'src/membership/membership-summary';

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

  /** How many memberships there are, counted up to `cap`. */
  async countMembershipsUpTo(cap: number): Promise<number> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM (SELECT 1 FROM memberships LIMIT ${cap}) capped`,
    );
    return count;
  }

  /** A membership with its category, locked for a change. */
  lockWithCategory(manager: EntityManager, id: string): Promise<Membership | null> {
    return manager
      .getRepository(Membership)
      .createQueryBuilder('membership')
      .innerJoinAndSelect('membership.category', 'category')
      .where('membership.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['membership'])
      .getOne();
  }

  /** Open dues of the membership's periods not yet granted (the ones it has not reached). */
  openDuesOfUngrantedPeriods(manager: EntityManager, membershipId: string): Promise<Invoice[]> {
    return manager
      .getRepository(Invoice)
      .createQueryBuilder('invoice')
      .innerJoin('invoice.period', 'period')
      .where('period.membership_id = :membershipId', { membershipId })
      .andWhere('period.granted_at IS NULL')
      .andWhere(`invoice.status IN ('unpaid', 'partially_paid')`)
      .getMany();
  }

  /**
   * Memberships brought in by a register import, each with one granted period (the cover the
   * register states, at most a term long) and its first status change.
   */
  async insertImported(
    manager: EntityManager,
    rows: {
      personId: string;
      memberNumber: string;
      categoryId: string;
      chapterId: string;
      speciality: string | null;
      status: string;
      memberSince: string;
      coveredUntil: string;
    }[],
    source: { reason: string; today: string; importId: string; actorAccountId: string | null },
  ): Promise<{ id: string; person_id: string }[]> {
    const inserted = await manager.query<{ id: string; person_id: string }[]>(
      `INSERT INTO memberships (person_id, member_number, category_id, chapter_id, speciality, status,
                                status_reason, status_changed_on, member_since, covered_until, import_id)
       SELECT person_id, member_number, category_id, chapter_id, speciality, status, $9, $10::date,
              member_since, covered_until, $11
         FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::uuid[], $5::varchar[], $6::varchar[],
                     $7::date[], $8::date[])
           AS r (person_id, member_number, category_id, chapter_id, speciality, status, member_since,
                 covered_until)
       RETURNING id, person_id`,
      [
        rows.map((r) => r.personId),
        rows.map((r) => r.memberNumber),
        rows.map((r) => r.categoryId),
        rows.map((r) => r.chapterId),
        rows.map((r) => r.speciality),
        rows.map((r) => r.status),
        rows.map((r) => r.memberSince),
        rows.map((r) => r.coveredUntil),
        source.reason,
        source.today,
        source.importId,
      ],
    );
    const ids = inserted.map((row) => row.id);
    await manager.query(
      `INSERT INTO membership_periods (membership_id, category_id, starts_on, ends_on, granted_at)
       SELECT m.id, m.category_id,
              greatest(m.member_since, (m.covered_until - make_interval(months => c.period_months))::date + 1),
              m.covered_until, now()
         FROM memberships m JOIN membership_categories c ON c.id = m.category_id
        WHERE m.id = ANY($1)`,
      [ids],
    );
    await manager.query(
      `INSERT INTO membership_status_changes (membership_id, from_status, to_status, reason, effective_on, actor_account_id)
       SELECT id, NULL, status, $2, $3::date, $4 FROM memberships WHERE id = ANY($1)`,
      [ids, source.reason, source.today, source.actorAccountId],
    );
    return inserted;
  }

  /** One membership as its record shows it, statuses read on `today`. */
  async detailRow(today: string, id: string) {
    const [row] = await this.dataSource.query<
      (SummaryRow & {
        status_reason: string | null;
        status_changed_on: string;
        suspended_until: string | null;
        listed_in_directory: boolean;
      })[]
    >(
      `SELECT ${SUMMARY_COLUMNS}, m.status_reason, m.status_changed_on::text,
              m.suspended_until::text, m.listed_in_directory
         FROM memberships m JOIN persons p ON p.id = m.person_id
         JOIN membership_categories c ON c.id = m.category_id
        WHERE m.id = $2`,
      [today, id],
    );
    return row;
  }

  /** A membership's periods, oldest first, with whether each is granted and its invoice. */
  periodsWithInvoices(id: string) {
    return this.dataSource.query<
      {
        id: string;
        starts_on: string;
        ends_on: string;
        code: string;
        granted: boolean;
        invoice_id: string | null;
      }[]
    >(
      `SELECT p.id, p.starts_on::text, p.ends_on::text, c.code, p.granted_at IS NOT NULL AS granted,
              i.id AS invoice_id
         FROM membership_periods p JOIN membership_categories c ON c.id = p.category_id
         LEFT JOIN invoices i ON i.period_id = p.id
        WHERE p.membership_id = $1 ORDER BY p.starts_on`,
      [id],
    );
  }
}

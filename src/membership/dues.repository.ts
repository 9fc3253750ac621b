import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Invoice } from 'src/membership/entities/invoice.entity';
import { Payment } from 'src/membership/entities/payment.entity';
import {
  type DuesStatus,
  type InvoiceKind,
  NOTHING_OWED_UP_TO_PERIOD_SQL,
} from 'src/membership/membership-rules';

/** Queries of invoices, payments and the cover they grant, named. */
@Injectable()
export class DuesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Invoices, newest first; `open` is unpaid or partially paid (for paging). */
  invoicesQuery(filters: {
    personId?: string;
    kind?: InvoiceKind;
    status?: DuesStatus | 'open';
  }): SelectQueryBuilder<Invoice> {
    const qb = this.dataSource
      .getRepository(Invoice)
      .createQueryBuilder('invoice')
      .orderBy('invoice.issuedOn', 'DESC')
      .addOrderBy('invoice.number', 'DESC');
    if (filters.personId)
      qb.andWhere('invoice.person_id = :personId', { personId: filters.personId });
    if (filters.kind) qb.andWhere('invoice.kind = :kind', { kind: filters.kind });
    if (filters.status === 'open') qb.andWhere(`invoice.status IN ('unpaid', 'partially_paid')`);
    else if (filters.status) qb.andWhere('invoice.status = :status', { status: filters.status });
    return qb;
  }

  /** What a person owes now: their open invoices, counted and summed. */
  async openTotals(
    manager: EntityManager,
    personId: string,
  ): Promise<{ open: number; outstanding: string; currency: string | null }> {
    const [row] = await manager.query<
      { open: number; outstanding: string; currency: string | null }[]
    >(
      `SELECT count(*)::int AS open, coalesce(sum(amount_minor - paid_minor), 0)::text AS outstanding,
              min(currency) AS currency
         FROM invoices WHERE person_id = $1 AND status IN ('unpaid', 'partially_paid')`,
      [personId],
    );
    return row;
  }

  /** Locks the membership a dues invoice is for (none for other invoices): the first lock taken. */
  async lockMembershipOfInvoice(manager: EntityManager, invoiceId: string): Promise<void> {
    await manager.query(
      `SELECT 1 FROM memberships m
        WHERE m.id = (SELECT p.membership_id FROM invoices i
                        JOIN membership_periods p ON p.id = i.period_id WHERE i.id = $1)
          FOR UPDATE OF m`,
      [invoiceId],
    );
  }

  /** Grants the membership's periods whose dues, and all before them, are settled; the last end. */
  async grantSettledPeriods(manager: EntityManager, membershipId: string): Promise<string | null> {
    const granted = await manager.query<{ ends_on: string | null }[]>(
      `WITH granted AS (
         UPDATE membership_periods p SET granted_at = now()
          WHERE p.membership_id = $1 AND p.granted_at IS NULL AND ${NOTHING_OWED_UP_TO_PERIOD_SQL}
         RETURNING ends_on)
       SELECT max(ends_on)::text AS ends_on FROM granted`,
      [membershipId],
    );
    return granted[0]?.ends_on ?? null;
  }

  /** The payments of these invoices, oldest first. */
  paymentsOf(invoiceIds: string[]): Promise<Payment[]> {
    return this.dataSource
      .getRepository(Payment)
      .createQueryBuilder('payment')
      .where('payment.invoice_id IN (:...invoiceIds)', { invoiceIds })
      .orderBy('payment.createdAt', 'ASC')
      .getMany();
  }
}

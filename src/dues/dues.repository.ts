import { Injectable } from '@nestjs/common';
import type { ScopeCondition } from 'src/auth/access';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { DuesStatus, InvoiceKind } from 'src/dues/dues-rules';
import { formatNumber } from 'src/common/numbering';
import { DuesSettings } from 'src/dues/entities/dues-settings.entity';
import { Invoice } from 'src/dues/entities/invoice.entity';
import { Payment } from 'src/dues/entities/payment.entity';

/** The dues invoice of one period, as the membership that owns the period describes it. */
export interface NewPeriodInvoice {
  personId: string;
  periodId: string;
  description: string;
  amountMinor: string;
  currency: string;
  dueOn: string;
}

export interface IssuedInvoice {
  id: string;
  number: string;
  personId: string;
  periodId: string;
  amountMinor: string;
  currency: string;
  status: DuesStatus;
}

const OPEN = ['unpaid', 'partially_paid'] as const;

/** Queries of invoices, payments and their numbers, named. */
@Injectable()
export class DuesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The reader outside any transaction. */
  get reader(): EntityManager {
    return this.dataSource.manager;
  }

  /** Invoices, newest first; `open` is unpaid or partially paid (for paging). */
  invoicesQuery(filters: {
    personId?: string;
    kind?: InvoiceKind;
    status?: DuesStatus | 'open';
    scope?: ScopeCondition | null;
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
    if (filters.scope) qb.andWhere(filters.scope.sql, filters.scope.parameters);
    return qb;
  }

  /** The person each of these records belongs to (access before load). */
  async invoiceOwners(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource.getRepository(Invoice).find({
      where: { id: In(ids) },
      select: { id: true, personId: true },
    });
    return new Map(rows.map((invoice) => [invoice.id, invoice.personId]));
  }

  /** The person whose invoice each of these payments paid (access before load). */
  async paymentOwners(ids: string[]): Promise<Map<string, string>> {
    const payments = await this.dataSource.getRepository(Payment).find({
      where: { id: In(ids) },
      relations: { invoice: true },
      select: { id: true, invoice: { id: true, personId: true } },
    });
    return new Map(payments.map((payment) => [payment.id, payment.invoice!.personId]));
  }

  findInvoice(manager: EntityManager, id: string): Promise<Invoice | null> {
    return manager.findOneBy(Invoice, { id });
  }

  lockInvoice(manager: EntityManager, id: string): Promise<Invoice | null> {
    return manager.findOne(Invoice, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The period an invoice is for (none for an application fee); it never changes. */
  async periodOfInvoice(manager: EntityManager, id: string): Promise<string | null> {
    const invoice = await manager.findOne(Invoice, { where: { id }, select: { periodId: true } });
    return invoice?.periodId ?? null;
  }

  insertInvoice(manager: EntityManager, values: Partial<Invoice>): Promise<Invoice> {
    return manager.save(manager.create(Invoice, values));
  }

  async markPaid(
    manager: EntityManager,
    id: string,
    values: { paidMinor: string; status: DuesStatus },
  ): Promise<void> {
    await manager.update(Invoice, id, values);
  }

  async markWaived(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.update(Invoice, id, { status: 'waived', waivedReason: reason });
  }

  /** The open invoices of an application fee, locked for a waiver. */
  lockOpenFeesOfApplication(manager: EntityManager, applicationId: string): Promise<Invoice[]> {
    return manager.find(Invoice, {
      where: { applicationId, status: In([...OPEN]) },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The open dues invoices of these periods, locked for a waiver. */
  lockOpenDuesOfPeriods(manager: EntityManager, periodIds: string[]): Promise<Invoice[]> {
    if (!periodIds.length) return Promise.resolve([]);
    return manager.find(Invoice, {
      where: { periodId: In(periodIds), status: In([...OPEN]) },
      order: { number: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findFeeOfApplication(manager: EntityManager, applicationId: string): Promise<Invoice | null> {
    return manager.findOneBy(Invoice, { applicationId });
  }

  /** The invoice of each of these applications (fee) or periods (dues) that has one. */
  async invoiceIdsFor(
    manager: EntityManager,
    column: 'application_id' | 'period_id',
    ids: string[],
  ): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await manager.query<{ for_id: string; id: string }[]>(
      `SELECT ${column} AS for_id, id FROM invoices WHERE ${column} = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((row) => [row.for_id, row.id]));
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

  /** A person's invoices open past their due date, summed. */
  async overdueTotals(
    manager: EntityManager,
    personId: string,
    today: string,
  ): Promise<{ overdue: number; outstanding: string; currency: string | null }> {
    const [row] = await manager.query<
      { overdue: number; outstanding: string; currency: string | null }[]
    >(
      `SELECT count(*)::int AS overdue, coalesce(sum(amount_minor - paid_minor), 0)::text AS outstanding,
              min(currency) AS currency
         FROM invoices
        WHERE person_id = $1 AND status IN ('unpaid', 'partially_paid') AND due_on < $2::date`,
      [personId, today],
    );
    return row;
  }

  /**
   * The next invoice or receipt number of a year. The upsert locks the counter's row until the
   * transaction ends, so concurrent callers take turns; a rolled-back transaction gives its
   * number back, leaving no gap.
   */
  async nextDocumentNumber(
    manager: EntityManager,
    name: 'invoice' | 'receipt',
    year: string,
    format: string,
  ): Promise<string> {
    const first = await this.reserveNumbers(manager, name, year, 1);
    return documentNumber(format, year, first);
  }

  /** The dues desk's rules (one row, created by the migration with the defaults). */
  async settings(manager: EntityManager): Promise<DuesSettings> {
    return (await manager.findOneBy(DuesSettings, { id: 1 }))!;
  }

  /** Locks the settings row for a change. */
  async lockSettings(manager: EntityManager): Promise<DuesSettings> {
    return (await manager.findOne(DuesSettings, {
      where: { id: 1 },
      lock: { mode: 'pessimistic_write' },
    }))!;
  }

  async updateSettings(manager: EntityManager, values: Partial<DuesSettings>): Promise<void> {
    await manager.update(DuesSettings, { id: 1 }, values);
  }

  /** Reserves `count` numbers of a year; returns the first. */
  async reserveNumbers(
    manager: EntityManager,
    name: 'invoice' | 'receipt',
    year: string,
    count: number,
  ): Promise<number> {
    const [{ last }] = await manager.query<{ last: string }[]>(
      `INSERT INTO dues_sequences (name, scope, last_value) VALUES ($1, $2, $3)
         ON CONFLICT (name, scope) DO UPDATE SET last_value = dues_sequences.last_value + $3
         RETURNING last_value AS last`,
      [name, year, count],
    );
    return Number(last) - count + 1;
  }

  /** The dues invoices of many periods in one statement, numbered from `first`; free ones paid. */
  async insertPeriodInvoices(
    manager: EntityManager,
    invoices: NewPeriodInvoice[],
    numbers: string[],
    issuedOn: string,
  ): Promise<IssuedInvoice[]> {
    const rows = await manager.query<
      {
        id: string;
        number: string;
        person_id: string;
        period_id: string;
        amount_minor: string;
        currency: string;
        status: DuesStatus;
      }[]
    >(
      `INSERT INTO invoices (number, person_id, kind, period_id, description, amount_minor,
                             currency, status, issued_on, due_on)
         SELECT number, person_id, 'dues', period_id, description, amount_minor,
                currency, CASE WHEN amount_minor = 0 THEN 'paid' ELSE 'unpaid' END, $8::date, due_on
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::char(3)[], $6::date[], $7::text[])
                AS i(person_id, period_id, description, amount_minor, currency, due_on, number)
         RETURNING id, number, person_id, period_id, amount_minor::text, currency, status`,
      [
        invoices.map((invoice) => invoice.personId),
        invoices.map((invoice) => invoice.periodId),
        invoices.map((invoice) => invoice.description),
        invoices.map((invoice) => invoice.amountMinor),
        invoices.map((invoice) => invoice.currency),
        invoices.map((invoice) => invoice.dueOn),
        numbers,
        issuedOn,
      ],
    );
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      personId: row.person_id,
      periodId: row.period_id,
      amountMinor: row.amount_minor,
      currency: row.currency,
      status: row.status,
    }));
  }

  findPayment(manager: EntityManager, id: string): Promise<Payment | null> {
    return manager.findOne(Payment, { where: { id }, relations: { invoice: true } });
  }

  findPaymentByKey(manager: EntityManager, idempotencyKey: string): Promise<Payment | null> {
    return manager.findOneBy(Payment, { idempotencyKey });
  }

  insertPayment(manager: EntityManager, values: Partial<Payment>): Promise<Payment> {
    return manager.save(manager.create(Payment, values));
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

/** An invoice or receipt number in the desk's format, of the year's `sequence`-th document. */
export const documentNumber = (format: string, year: string, sequence: number) =>
  formatNumber(format, { YYYY: year, YY: year.slice(2) }, sequence);

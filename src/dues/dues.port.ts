import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { addDays } from 'src/common/dates';
import type { ArrearsResponse } from 'src/dues/dto/dues.dto';
import {
  documentNumber,
  DuesRepository,
  type IssuedInvoice,
  type NewPeriodInvoice,
} from 'src/dues/dues.repository';
import type { DuesStatus, InvoiceKind } from 'src/dues/dues-rules';
import type { Invoice } from 'src/dues/entities/invoice.entity';

export type { NewPeriodInvoice } from 'src/dues/dues.repository';

export interface NewInvoice {
  personId: string;
  kind: InvoiceKind;
  applicationId?: string;
  periodId?: string;
  description: string;
  amountMinor: string;
  currency: string;
  issuedOn: string;
  /** Left out: the desk's invoice due days after it is issued. */
  dueOn?: string;
}

/**
 * The module that owns the periods dues are charged for (membership). Dues call it to keep the
 * lock order (the owner's row before the invoice) and to tell it when a period's dues are
 * settled, in the same transaction as the payment or waiver.
 */
export abstract class PeriodOwner {
  abstract lockOwnerOfPeriod(manager: EntityManager, periodId: string): Promise<void>;
  abstract periodSettled(manager: EntityManager, actor: Actor, periodId: string): Promise<void>;
}

/**
 * What other modules may ask of dues: each method works in the caller's transaction, takes no
 * access decision and builds no response. The actor passed to a write is the one its audit row names.
 */
@Injectable()
export class DuesPort {
  constructor(
    private readonly repository: DuesRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
  ) {}

  /** Issues an invoice inside the caller's transaction; a zero amount is issued as paid. */
  async issueInvoice(manager: EntityManager, actor: Actor, values: NewInvoice): Promise<Invoice> {
    const settings = await this.repository.settings(manager);
    const number = await this.repository.nextDocumentNumber(
      manager,
      'invoice',
      values.issuedOn.slice(0, 4),
      settings.invoiceNumberFormat,
    );
    const free = BigInt(values.amountMinor) === 0n;
    const invoice = await this.repository.insertInvoice(manager, {
      ...values,
      dueOn: values.dueOn ?? addDays(values.issuedOn, settings.invoiceDueDays),
      applicationId: values.applicationId ?? null,
      periodId: values.periodId ?? null,
      number,
      paidMinor: '0',
      status: free ? 'paid' : 'unpaid',
    });
    await this.audit.record(manager, actor, {
      action: 'invoice.issued',
      entityType: 'invoice',
      entityId: invoice.id,
      after: {
        number,
        personId: values.personId,
        kind: values.kind,
        amountMinor: values.amountMinor,
        currency: values.currency,
      },
    });
    return invoice;
  }

  /**
   * The dues invoices of many periods at once (the daily run), numbered in one reservation, with
   * their audit rows; free periods are issued paid.
   */
  async issuePeriodInvoices(
    manager: EntityManager,
    actor: Actor,
    invoices: NewPeriodInvoice[],
  ): Promise<IssuedInvoice[]> {
    if (!invoices.length) return [];
    const today = this.calendar.today();
    const year = today.slice(0, 4);
    const { invoiceNumberFormat } = await this.repository.settings(manager);
    const first = await this.repository.reserveNumbers(manager, 'invoice', year, invoices.length);
    const issued = await this.repository.insertPeriodInvoices(
      manager,
      invoices,
      invoices.map((_, index) => documentNumber(invoiceNumberFormat, year, first + index)),
      today,
    );
    await this.audit.recordMany(
      manager,
      actor,
      issued.map((invoice) => ({
        action: 'invoice.issued',
        entityType: 'invoice',
        entityId: invoice.id,
        after: {
          number: invoice.number,
          personId: invoice.personId,
          kind: 'dues',
          amountMinor: invoice.amountMinor,
          currency: invoice.currency,
        },
      })),
    );
    return issued;
  }

  /** What a person owes now: every open invoice, summed. */
  async arrears(manager: EntityManager, personId: string): Promise<ArrearsResponse> {
    const row = await this.repository.openTotals(manager, personId);
    return {
      openInvoices: row.open,
      outstandingMinor: Number(row.outstanding),
      currency: row.currency,
    };
  }

  /** A person's invoices open past their due date (a requirement that fees be paid reads it). */
  async overdue(
    manager: EntityManager,
    personId: string,
  ): Promise<{ overdue: number; overdueMinor: number; currency: string | null }> {
    const row = await this.repository.overdueTotals(manager, personId, this.calendar.today());
    return { overdue: row.overdue, overdueMinor: Number(row.outstanding), currency: row.currency };
  }

  /** The status of an application's fee, where one was invoiced. */
  async feeStatus(manager: EntityManager, applicationId: string): Promise<DuesStatus | null> {
    return (await this.repository.findFeeOfApplication(manager, applicationId))?.status ?? null;
  }

  /** The fee invoice of each of these applications that has one. */
  feeInvoiceIds(manager: EntityManager, applicationIds: string[]): Promise<Map<string, string>> {
    return this.repository.invoiceIdsFor(manager, 'application_id', applicationIds);
  }

  /** The dues invoice of each of these periods that has one. */
  periodInvoiceIds(manager: EntityManager, periodIds: string[]): Promise<Map<string, string>> {
    return this.repository.invoiceIdsFor(manager, 'period_id', periodIds);
  }

  /**
   * An application that is rejected or withdrawn owes nothing more: what is still open of its fee
   * is waived (a fee already paid stays paid: it covered the review). Runs in the caller's
   * transaction, which holds the application's row.
   */
  async waiveApplicationFee(
    manager: EntityManager,
    actor: Actor,
    applicationId: string,
    reason: string,
  ): Promise<void> {
    const open = await this.repository.lockOpenFeesOfApplication(manager, applicationId);
    await this.waiveAll(manager, actor, open, reason);
  }

  /**
   * Dues of periods a membership will not reach are not owed once it ends. Runs in the caller's
   * transaction, which holds the membership's row (the lock order: membership, then invoices).
   */
  async waivePeriodDues(
    manager: EntityManager,
    actor: Actor,
    periodIds: string[],
    reason: string,
  ): Promise<void> {
    const open = await this.repository.lockOpenDuesOfPeriods(manager, periodIds);
    await this.waiveAll(manager, actor, open, reason);
  }

  private async waiveAll(manager: EntityManager, actor: Actor, open: Invoice[], reason: string) {
    for (const invoice of open) {
      await this.repository.markWaived(manager, invoice.id, reason);
      await this.audit.record(manager, actor, {
        action: 'invoice.waived',
        entityType: 'invoice',
        entityId: invoice.id,
        before: { status: invoice.status },
        after: { status: 'waived', reason },
      });
    }
  }
}

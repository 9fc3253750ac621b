import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireOwnPerson } from 'src/auth/access';
import type { AccountActor, Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import {
  type DuesSettingsResponse,
  type InvoiceResponse,
  type InvoicesQuery,
  type PaymentResponse,
  type RecordPaymentDto,
  type UpdateDuesSettingsDto,
  type WaiveInvoiceDto,
} from 'src/dues/dto/dues.dto';
import { Transactions } from 'src/database/transactions';
import { DuesRepository } from 'src/dues/dues.repository';
import { duesStatusAfter } from 'src/dues/dues-rules';
import { Invoice } from 'src/dues/entities/invoice.entity';
import { Payment } from 'src/dues/entities/payment.entity';
import { DuesError } from 'src/dues/dues.errors';

import { PeriodOwner } from 'src/dues/dues.port';

const toPaymentResponse = (payment: Payment, invoice: Invoice): PaymentResponse => ({
  id: payment.id,
  receiptNumber: payment.receiptNumber,
  invoiceId: payment.invoiceId,
  invoiceNumber: invoice.number,
  personId: invoice.personId,
  amountMinor: Number(payment.amountMinor),
  currency: payment.currency,
  method: payment.method,
  reference: payment.reference,
  paidOn: payment.paidOn,
  recordedByAccountId: payment.recordedByAccountId,
  createdAt: payment.createdAt,
});

export const toInvoiceResponse = (invoice: Invoice, payments: Payment[] = []): InvoiceResponse => ({
  id: invoice.id,
  number: invoice.number,
  personId: invoice.personId,
  kind: invoice.kind,
  applicationId: invoice.applicationId,
  periodId: invoice.periodId,
  description: invoice.description,
  amountMinor: Number(invoice.amountMinor),
  paidMinor: Number(invoice.paidMinor),
  outstandingMinor:
    invoice.status === 'waived' ? 0 : Number(invoice.amountMinor) - Number(invoice.paidMinor),
  currency: invoice.currency,
  status: invoice.status,
  issuedOn: invoice.issuedOn,
  dueOn: invoice.dueOn,
  waivedReason: invoice.waivedReason,
  payments: payments.map((payment) => toPaymentResponse(payment, invoice)),
});

const isUniqueViolation = (error: unknown, constraint: string) =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: string; constraint?: string }).code === '23505' &&
  (error.driverError as { constraint?: string }).constraint === constraint;

/** Dues and fees: invoices, payments recorded by finance, waivers, arrears and receipts. */
@Injectable()
export class DuesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: DuesRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly access: Access,
    private readonly owner: PeriodOwner,
  ) {}

  private readonly invoiceOwners = (ids: string[]) => this.repository.invoiceOwners(ids);

  /** The dues desk's rules: days an invoice is due in, invoice and receipt number formats. */
  async settings(): Promise<DuesSettingsResponse> {
    const { invoiceDueDays, invoiceNumberFormat, receiptNumberFormat } =
      await this.repository.settings(this.transactions.reader);
    return { invoiceDueDays, invoiceNumberFormat, receiptNumberFormat };
  }

  /** Changes them from now on: numbers and due dates already given stay as they are. */
  async updateSettings(actor: Actor, dto: UpdateDuesSettingsDto): Promise<DuesSettingsResponse> {
    await this.transactions.run(async (manager) => {
      const before = await this.repository.lockSettings(manager);
      await this.repository.updateSettings(manager, { ...dto });
      await this.audit.record(manager, actor, {
        action: 'dues_settings.updated',
        entityType: 'dues_settings',
        entityId: '1',
        before: {
          invoiceDueDays: before.invoiceDueDays,
          invoiceNumberFormat: before.invoiceNumberFormat,
          receiptNumberFormat: before.receiptNumberFormat,
        },
        after: { ...dto },
      });
    });
    return this.settings();
  }

  async list(actor: Actor, query: InvoicesQuery): Promise<Page<InvoiceResponse>> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    const qb = this.repository.invoicesQuery({
      personId,
      kind: query.kind,
      status: query.status,
      scope: this.access.listCondition(actor, 'invoice.person_id'),
    });
    const page = await paginate(qb, query, (invoice) => invoice);
    const payments = await this.paymentsOf(page.items.map((invoice) => invoice.id));
    return {
      ...page,
      items: page.items.map((invoice) =>
        toInvoiceResponse(invoice, payments.get(invoice.id) ?? []),
      ),
    };
  }

  async get(actor: Actor, id: string): Promise<InvoiceResponse> {
    await this.access.require(actor, 'Invoice', id, this.invoiceOwners);
    const invoice = await this.repository.findInvoice(this.transactions.reader, id);
    if (!invoice) throw notFound('Invoice', id);
    const payments = await this.paymentsOf([id]);
    return toInvoiceResponse(invoice, payments.get(id) ?? []);
  }

  /** A receipt: one payment with the invoice it paid. */
  async getPayment(actor: Actor, id: string): Promise<PaymentResponse> {
    await this.access.require(actor, 'Payment', id, (ids) => this.repository.paymentOwners(ids));
    const payment = await this.repository.findPayment(this.transactions.reader, id);
    if (!payment?.invoice) throw notFound('Payment', id);
    return toPaymentResponse(payment, payment.invoice);
  }

  /**
   * Records a payment. With an `Idempotency-Key`, a retry of the same request returns the payment
   * already made (`replayed`) instead of paying twice; the same key with another request is refused.
   */
  async recordPayment(
    actor: AccountActor,
    invoiceId: string,
    dto: RecordPaymentDto,
    idempotencyKey: string | null,
  ): Promise<{ payment: PaymentResponse; replayed: boolean }> {
    await this.access.require(actor, 'Invoice', invoiceId, this.invoiceOwners);
    const fingerprint = idempotencyKey
      ? createHash('sha256')
          .update(
            JSON.stringify([
              invoiceId,
              dto.amountMinor,
              dto.currency,
              dto.method,
              dto.reference,
              dto.paidOn,
            ]),
          )
          .digest('hex')
      : null;
    try {
      const outcome = await this.transactions.run(async (manager) => {
        const invoice = await this.lockInvoice(manager, invoiceId);
        // Checked under the invoice's lock: a concurrent retry waits, then finds this payment.
        if (idempotencyKey) {
          const earlier = await this.findByKey(manager, idempotencyKey, fingerprint!);
          if (earlier) return { id: earlier, replayed: true };
        }
        if (invoice.status === 'paid' || invoice.status === 'waived') {
          throw new DuesError(
            'invoice-closed',
            `Invoice ${invoice.number} is already ${invoice.status}`,
          );
        }
        if (dto.currency !== invoice.currency) {
          throw new AppError('validation-failed', 'Check these fields: currency', {
            errors: [{ field: 'currency', message: `the invoice is in ${invoice.currency}` }],
          });
        }
        const outstanding = BigInt(invoice.amountMinor) - BigInt(invoice.paidMinor);
        if (BigInt(dto.amountMinor) > outstanding) {
          throw new DuesError(
            'overpayment',
            `Invoice ${invoice.number} still owes ${outstanding} ${invoice.currency} (minor units); ${dto.amountMinor} is more`,
            { outstandingMinor: Number(outstanding) },
          );
        }
        const receiptNumber = await this.repository.nextDocumentNumber(
          manager,
          'receipt',
          this.calendar.today().slice(0, 4),
          (await this.repository.settings(manager)).receiptNumberFormat,
        );
        const payment = await this.repository.insertPayment(manager, {
          receiptNumber,
          invoiceId,
          amountMinor: String(dto.amountMinor),
          currency: dto.currency,
          method: dto.method,
          reference: dto.reference,
          paidOn: dto.paidOn,
          recordedByAccountId: actor.accountId,
          idempotencyKey,
          requestFingerprint: fingerprint,
        });
        const paid = BigInt(invoice.paidMinor) + BigInt(dto.amountMinor);
        const status = duesStatusAfter(BigInt(invoice.amountMinor), paid);
        await this.repository.markPaid(manager, invoiceId, { paidMinor: String(paid), status });
        await this.audit.record(manager, actor, {
          action: 'payment.recorded',
          entityType: 'invoice',
          entityId: invoiceId,
          before: { status: invoice.status, paidMinor: invoice.paidMinor },
          after: {
            status,
            paidMinor: String(paid),
            receiptNumber,
            reference: dto.reference,
            amountMinor: String(dto.amountMinor),
          },
        });
        if (invoice.periodId && status === 'paid') {
          await this.owner.periodSettled(manager, actor, invoice.periodId);
        }
        return { id: payment.id, replayed: false };
      });
      return { payment: await this.getPayment(actor, outcome.id), replayed: outcome.replayed };
    } catch (error) {
      // The same key raced in on another invoice: answer as a retry would be answered.
      if (idempotencyKey && isUniqueViolation(error, 'uq_payments_idempotency_key')) {
        const earlier = await this.findByKey(
          this.transactions.reader,
          idempotencyKey,
          fingerprint!,
        );
        if (earlier) return { payment: await this.getPayment(actor, earlier), replayed: true };
      }
      throw error;
    }
  }

  async waive(actor: AccountActor, id: string, dto: WaiveInvoiceDto): Promise<InvoiceResponse> {
    await this.transactions.run(async (manager) => {
      const invoice = await this.lockInvoice(manager, id);
      if (invoice.status === 'paid' || invoice.status === 'waived') {
        throw new DuesError(
          'invoice-closed',
          `Invoice ${invoice.number} is already ${invoice.status}`,
        );
      }
      await this.repository.markWaived(manager, id, dto.reason);
      await this.audit.record(manager, actor, {
        action: 'invoice.waived',
        entityType: 'invoice',
        entityId: id,
        before: { status: invoice.status },
        after: { status: 'waived', reason: dto.reason },
      });
      if (invoice.periodId) await this.owner.periodSettled(manager, actor, invoice.periodId);
    });
    return this.get(actor, id);
  }

  /**
   * Locks an invoice for a change, after the row of its period's owner where it is for dues:
   * locks are taken membership first, then invoices, everywhere (a resignation or revocation
   * waiving open dues locks them in that order too), so a payment and an ending membership never
   * deadlock.
   */
  private async lockInvoice(manager: EntityManager, id: string): Promise<Invoice> {
    const periodId = await this.repository.periodOfInvoice(manager, id);
    if (periodId) await this.owner.lockOwnerOfPeriod(manager, periodId);
    const invoice = await this.repository.lockInvoice(manager, id);
    if (!invoice) throw notFound('Invoice', id);
    return invoice;
  }

  private async findByKey(
    manager: EntityManager,
    key: string,
    fingerprint: string,
  ): Promise<string | null> {
    const earlier = await this.repository.findPaymentByKey(manager, key);
    if (!earlier) return null;
    if (earlier.requestFingerprint !== fingerprint) {
      throw new AppError(
        'idempotency-key-reused',
        'This Idempotency-Key was used for a different payment; use a new key for a new payment',
      );
    }
    return earlier.id;
  }

  private async paymentsOf(invoiceIds: string[]): Promise<Map<string, Payment[]>> {
    const byInvoice = new Map<string, Payment[]>();
    if (!invoiceIds.length) return byInvoice;
    const payments = await this.repository.paymentsOf(invoiceIds);
    for (const payment of payments) {
      byInvoice.set(payment.invoiceId, [...(byInvoice.get(payment.invoiceId) ?? []), payment]);
    }
    return byInvoice;
  }
}

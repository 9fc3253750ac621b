import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, In, QueryFailedError, type EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { isStaffActor, requireOwnPerson, requirePersonAccess } from 'src/auth/access';
import type { AccountActor, Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import {
  type ArrearsResponse,
  type InvoiceResponse,
  type InvoicesQuery,
  type PaymentResponse,
  type RecordPaymentDto,
  type WaiveInvoiceDto,
} from 'src/membership/dto/dues.dto';
import { Invoice } from 'src/membership/entities/invoice.entity';
import { MembershipPeriod } from 'src/membership/entities/membership-period.entity';
import { Membership } from 'src/membership/entities/membership.entity';
import { Payment } from 'src/membership/entities/payment.entity';
import { changeMembershipStatus } from 'src/membership/membership-status-changes';
import {
  DATED_STATUSES,
  datedStatus,
  duesStatusAfter,
  type InvoiceKind,
} from 'src/membership/membership-rules';
import { nextDocumentNumber } from 'src/membership/sequences';
import { DuesRepository } from 'src/membership/dues.repository';
import { MembershipRepository } from 'src/membership/membership.repository';
import { DuesError } from 'src/dues/dues.errors';

export interface NewInvoice {
  personId: string;
  kind: InvoiceKind;
  applicationId?: string;
  periodId?: string;
  description: string;
  amountMinor: string;
  currency: string;
  issuedOn: string;
  dueOn: string;
}

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DuesRepository,
    private readonly memberships: MembershipRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
  ) {}

  /** Issues an invoice inside the caller's transaction; a zero amount is issued as paid. */
  async issueInvoice(manager: EntityManager, actor: Actor, values: NewInvoice): Promise<Invoice> {
    const number = await nextDocumentNumber(manager, 'invoice', values.issuedOn.slice(0, 4));
    const free = BigInt(values.amountMinor) === 0n;
    const invoice = await manager.save(
      manager.create(Invoice, {
        ...values,
        applicationId: values.applicationId ?? null,
        periodId: values.periodId ?? null,
        number,
        paidMinor: '0',
        status: free ? 'paid' : 'unpaid',
      }),
    );
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

  async list(actor: Actor, query: InvoicesQuery): Promise<Page<InvoiceResponse>> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    const qb = this.repository.invoicesQuery({ personId, kind: query.kind, status: query.status });
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
    const invoice = await this.dataSource.getRepository(Invoice).findOneBy({ id });
    if (!invoice) throw notFound('Invoice', id);
    requirePersonAccess(actor, invoice.personId);
    const payments = await this.paymentsOf([id]);
    return toInvoiceResponse(invoice, payments.get(id) ?? []);
  }

  /** A receipt: one payment with the invoice it paid. */
  async getPayment(actor: Actor, id: string): Promise<PaymentResponse> {
    const payment = await this.dataSource
      .getRepository(Payment)
      .findOne({ where: { id }, relations: { invoice: true } });
    if (!payment?.invoice) throw notFound('Payment', id);
    requirePersonAccess(actor, payment.invoice.personId);
    return toPaymentResponse(payment, payment.invoice);
  }

  /** What a person owes now: every open invoice, summed. */
  async arrears(personId: string, manager?: EntityManager): Promise<ArrearsResponse> {
    const row = await this.repository.openTotals(manager ?? this.dataSource.manager, personId);
    return {
      openInvoices: row.open,
      outstandingMinor: Number(row.outstanding),
      currency: row.currency,
    };
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
      const outcome = await this.dataSource.transaction(async (manager) => {
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
        const receiptNumber = await nextDocumentNumber(
          manager,
          'receipt',
          this.calendar.today().slice(0, 4),
        );
        const payment = await manager.save(
          manager.create(Payment, {
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
          }),
        );
        const paid = BigInt(invoice.paidMinor) + BigInt(dto.amountMinor);
        const status = duesStatusAfter(BigInt(invoice.amountMinor), paid);
        await manager.update(Invoice, invoiceId, { paidMinor: String(paid), status });
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
          await this.grantSettledPeriods(manager, actor, invoice.periodId);
        }
        return { id: payment.id, replayed: false };
      });
      return { payment: await this.getPayment(actor, outcome.id), replayed: outcome.replayed };
    } catch (error) {
      // The same key raced in on another invoice: answer as a retry would be answered.
      if (idempotencyKey && isUniqueViolation(error, 'uq_payments_idempotency_key')) {
        const earlier = await this.findByKey(this.dataSource.manager, idempotencyKey, fingerprint!);
        if (earlier) return { payment: await this.getPayment(actor, earlier), replayed: true };
      }
      throw error;
    }
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
    const open = await manager.find(Invoice, {
      where: { applicationId, status: In(['unpaid', 'partially_paid']) },
      lock: { mode: 'pessimistic_write' },
    });
    for (const invoice of open) {
      await manager.update(Invoice, invoice.id, { status: 'waived', waivedReason: reason });
      await this.audit.record(manager, actor, {
        action: 'invoice.waived',
        entityType: 'invoice',
        entityId: invoice.id,
        before: { status: invoice.status },
        after: { status: 'waived', reason },
      });
    }
  }

  async waive(actor: AccountActor, id: string, dto: WaiveInvoiceDto): Promise<InvoiceResponse> {
    await this.dataSource.transaction(async (manager) => {
      const invoice = await this.lockInvoice(manager, id);
      if (invoice.status === 'paid' || invoice.status === 'waived') {
        throw new DuesError(
          'invoice-closed',
          `Invoice ${invoice.number} is already ${invoice.status}`,
        );
      }
      await manager.update(Invoice, id, { status: 'waived', waivedReason: dto.reason });
      await this.audit.record(manager, actor, {
        action: 'invoice.waived',
        entityType: 'invoice',
        entityId: id,
        before: { status: invoice.status },
        after: { status: 'waived', reason: dto.reason },
      });
      if (invoice.periodId) await this.grantSettledPeriods(manager, actor, invoice.periodId);
    });
    return this.get(actor, id);
  }

  /**
   * Locks an invoice for a change, after its membership's row where it is for dues: locks are
   * taken membership first, then invoices, everywhere (a resignation or revocation waiving open
   * dues locks them in that order too), so a payment and an ending membership never deadlock.
   */
  private async lockInvoice(manager: EntityManager, id: string): Promise<Invoice> {
    await this.repository.lockMembershipOfInvoice(manager, id);
    const invoice = await manager.findOne(Invoice, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!invoice) throw notFound('Invoice', id);
    return invoice;
  }

  /**
   * Once none of a membership's dues invoices is open, every period waiting for payment is
   * granted and the cover extends; a member in grace or lapsed is active again (arrears paid).
   */
  async grantSettledPeriods(manager: EntityManager, actor: Actor, periodId: string) {
    const period = await manager.findOneByOrFail(MembershipPeriod, { id: periodId });
    const membership = await this.memberships.lockWithCategory(manager, period.membershipId);
    if (!membership) throw notFound('Membership', period.membershipId);
    const endsOn = await this.repository.grantSettledPeriods(manager, membership.id);
    if (!endsOn || endsOn <= membership.coveredUntil) return;
    await manager.update(Membership, membership.id, { coveredUntil: endsOn });
    await this.audit.record(manager, actor, {
      action: 'membership.cover_extended',
      entityType: 'membership',
      entityId: membership.id,
      before: { coveredUntil: membership.coveredUntil },
      after: { coveredUntil: endsOn },
    });
    if (!DATED_STATUSES.includes(membership.status)) return;
    const today = this.calendar.today();
    const status = datedStatus(endsOn, membership.category.graceDays, today);
    if (status !== membership.status) {
      await changeMembershipStatus(manager, this.audit, actor, {
        membershipId: membership.id,
        from: membership.status,
        to: status,
        reason: `Dues paid: covered until ${endsOn}`,
        effectiveOn: today,
      });
    }
  }

  private async findByKey(
    manager: EntityManager,
    key: string,
    fingerprint: string,
  ): Promise<string | null> {
    const earlier = await manager.findOneBy(Payment, { idempotencyKey: key });
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

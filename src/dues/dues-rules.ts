/** Dues as data: what an invoice is for, its states, how it is paid. */
import { isValidNumberFormat } from 'src/common/numbering';

export const DUES_STATUSES = ['unpaid', 'partially_paid', 'paid', 'waived'] as const;
export type DuesStatus = (typeof DUES_STATUSES)[number];
export const isSettled = (status: DuesStatus) => status === 'paid' || status === 'waived';

export const INVOICE_KINDS = ['application_fee', 'dues'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export const PAYMENT_METHODS = [
  'bank_transfer',
  'virtual_account',
  'card',
  'cash',
  'other',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The invoice status after `paid` of `amount` has been received. */
export function duesStatusAfter(amount: bigint, paid: bigint): DuesStatus {
  if (paid >= amount) return 'paid';
  return paid === 0n ? 'unpaid' : 'partially_paid';
}

/**
 * An invoice or receipt number format: literal text, `{YYYY}` or `{YY}`, and one `{SEQ:n}`. Its
 * counter restarts each year, so the year must show, or numbers would repeat.
 */
export const isValidDocumentFormat = (format: string) =>
  isValidNumberFormat(format, ['YYYY', 'YY']) && /\{YY(YY)?\}/.test(format);

/** What was owed past its due date on a day (see DUES_READ_MODEL.overdueOnJson). */
export interface OverdueOnDay {
  overdue: number;
  /** In minor units, as text: bigint sums. */
  outstanding: string;
  currency: string | null;
  since: string | null;
}

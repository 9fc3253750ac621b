import { lastDayOfTerm } from 'src/common/dates';
import {
  formatNumber as fillNumberFormat,
  isValidNumberFormat as isValidNumberFormatIn,
} from 'src/common/numbering';

/** Pure rules of credentials: numbers, validity and the status a reader sees. */

export const ISSUER_KINDS = ['association', 'external'] as const;
export type IssuerKind = (typeof ISSUER_KINDS)[number];

/** What is stored: the administrative state. Expiry is read from the dates, never stored. */
export const STORED_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

export const CREDENTIAL_STATUSES = ['active', 'expired', 'suspended', 'revoked'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export const VERIFICATION_STATUSES = ['submitted', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

const FORMAT_TOKENS = ['TYPE', 'YYYY'] as const;

/** A format has one {SEQ:n} (n = 1..12 digits) and may use {TYPE} and {YYYY}; the rest is literal. */
export const isValidNumberFormat = (format: string) => isValidNumberFormatIn(format, FORMAT_TOKENS);

/** Numbers restart each year when the format shows the year, so the scope of a sequence is that year. */
export const sequenceScope = (format: string, year: number) =>
  format.includes('{YYYY}') ? String(year) : 'all';

export const formatNumber = (
  format: string,
  values: { typeCode: string; year: number; sequence: number },
) => fillNumberFormat(format, { TYPE: values.typeCode, YYYY: values.year }, values.sequence);

/** The last day of validity: the day before the same date `months` later; null is for life. */
export const validUntil = (validFrom: string, months: number | null): string | null =>
  months === null ? null : lastDayOfTerm(validFrom, months);

/** What a reader sees today: revoked and suspended win; an active credential past its end date is expired. */
export function effectiveStatus(
  stored: StoredStatus,
  validUntilDate: string | null,
  today: string,
): CredentialStatus {
  if (stored !== 'active') return stored;
  return validUntilDate !== null && validUntilDate < today ? 'expired' : 'active';
}

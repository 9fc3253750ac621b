import { lastDayOfTerm } from 'src/common/dates';
import {
  formatNumber as fillNumberFormat,
  isValidNumberFormat as isValidNumberFormatIn,
} from 'src/common/numbering';

/** Pure rules of credentials: numbers, validity and the status a reader sees. */

export const ISSUER_KINDS = ['association', 'external'] as const;
export type IssuerKind = (typeof ISSUER_KINDS)[number];

/** What a membership revoked, or a member's death, does to credentials of a type issued here. */
export const ON_MEMBERSHIP_END = ['keep', 'suspend', 'revoke'] as const;
export type OnMembershipEnd = (typeof ON_MEMBERSHIP_END)[number];

/** What is stored: the administrative state. Expiry is read from the dates, never stored. */
export const STORED_STATUSES = ['active', 'suspended', 'revoked', 'superseded'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];

/** What a reader sees: `superseded` is replaced by a later credential, neither in force nor a sanction. */
export const CREDENTIAL_STATUSES = [
  'active',
  'expired',
  'suspended',
  'revoked',
  'superseded',
] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export const VERIFICATION_STATUSES = ['submitted', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

const FORMAT_TOKENS = [
  'TYPE',
  'YYYY',
  'YY',
  'MM',
  'PROFESSION',
  'SPECIALITY',
  'CHAPTER',
  'MEMBER',
] as const;

/**
 * A format has one {SEQ:n} (n = 1..12 digits) and may use {TYPE}, {YYYY}, {YY}, {MM}, {PROFESSION}
 * (the type's profession code), {SPECIALITY} (the speciality or grade the credential is issued
 * in, one of its profession's), {CHAPTER} (the holder's chapter code) and, on a membership card,
 * {MEMBER} (the member number); the rest is literal.
 */
export const isValidNumberFormat = (format: string) =>
  // The member number is unique as a sequence is: a card's number may carry it instead of {SEQ:n}.
  format.includes('{MEMBER}') && !format.includes('{SEQ')
    ? isValidNumberFormatIn(`${format}{SEQ:1}`, FORMAT_TOKENS)
    : isValidNumberFormatIn(format, FORMAT_TOKENS);

const showsYear = (format: string) => format.includes('{YYYY}') || format.includes('{YY}');

/** Whether numbers of this format carry the holder's chapter, and need one. */
export const needsChapter = (format: string) => format.includes('{CHAPTER}');

/** Whether numbers of this format carry the member number: a membership card's. */
export const carriesMemberNumber = (format: string) => format.includes('{MEMBER}');

/** Whether numbers of this format carry the speciality a credential is issued in, and need one. */
export const needsSpeciality = (format: string) => format.includes('{SPECIALITY}');

/** Whether numbers of this format carry the type's profession, and need one. */
export const needsProfession = (format: string) => format.includes('{PROFESSION}');

/**
 * Numbers restart when the period the number shows changes: each year when it shows the year,
 * each month when it shows the year and the month. A month shown without its year would repeat
 * every year, so such numbers never restart. Numbers that show the holder's chapter count per
 * chapter.
 */
export const sequenceScope = (format: string, year: number, month?: number, chapter?: string) => {
  const period = !showsYear(format)
    ? 'all'
    : format.includes('{MM}') && month !== undefined
      ? `${year}-${String(month).padStart(2, '0')}`
      : String(year);
  return needsChapter(format) && chapter ? `${chapter}:${period}` : period;
};

export const formatNumber = (
  format: string,
  values: {
    typeCode: string;
    year: number;
    month?: number;
    sequence: number;
    profession?: string;
    speciality?: string;
    chapter?: string;
    member?: string;
  },
) =>
  fillNumberFormat(
    format,
    {
      TYPE: values.typeCode,
      YYYY: values.year,
      YY: String(values.year % 100).padStart(2, '0'),
      MM: String(values.month ?? 1).padStart(2, '0'),
      PROFESSION: values.profession ?? '',
      SPECIALITY: values.speciality ?? '',
      CHAPTER: values.chapter ?? '',
      MEMBER: values.member ?? '',
    },
    values.sequence,
  );

/** The last day of validity: the day before the same date `months` later; null is for life. */
export const validUntil = (validFrom: string, months: number | null): string | null =>
  months === null ? null : lastDayOfTerm(validFrom, months);

/** A suspension holds through its last day, `suspendedUntil`, and ends on its own after it: no job lifts it. */
export const suspensionInForce = (suspendedUntil: string | null, today: string): boolean =>
  suspendedUntil === null || today <= suspendedUntil;

/**
 * What a reader sees today: revoked wins, then superseded, then a suspension in force; an active
 * credential (or one whose suspension has run out) past its end date is expired.
 */
export function effectiveStatus(
  stored: StoredStatus,
  validUntilDate: string | null,
  today: string,
  suspendedUntil: string | null,
): CredentialStatus {
  if (stored === 'revoked') return 'revoked';
  if (stored === 'superseded') return 'superseded';
  if (stored === 'suspended' && suspensionInForce(suspendedUntil, today)) return 'suspended';
  return validUntilDate !== null && validUntilDate < today ? 'expired' : 'active';
}

/**
 * The same rule in SQL, for filters and lists over a credential row `c` and the date `today` (a
 * parameter): the conditions under which each status is read. credential-rules.spec checks the
 * two against each other on a real PostgreSQL.
 */
export const STATUS_CONDITIONS_SQL = (
  c: string,
  today: string,
): Record<CredentialStatus, string> => {
  const suspensionInForceSql = `(${c}.status = 'suspended' AND (${c}.suspended_until IS NULL OR ${c}.suspended_until >= ${today}))`;
  const inForce = `(${c}.status = 'active' OR (${c}.status = 'suspended' AND ${c}.suspended_until < ${today}))`;
  return {
    revoked: `${c}.status = 'revoked'`,
    superseded: `${c}.status = 'superseded'`,
    suspended: suspensionInForceSql,
    expired: `(${inForce} AND ${c}.valid_until < ${today})`,
    active: `(${inForce} AND (${c}.valid_until IS NULL OR ${c}.valid_until >= ${today}))`,
  };
};

/** One credential's history as of a day: the period it was in, a revocation, the last suspension. */
export interface CredentialHistoryRow {
  id: string;
  typeId: string;
  typeCode: string;
  typeName: string;
  /** The profession of its type (null: a type of no profession). */
  typeProfessionId?: string | null;
  number: string;
  verification: VerificationStatus;
  publiclyVerifiable: boolean;
  /** Its first day: a renewal begins a period, never a new span. */
  heldSince: string;
  validFrom: string;
  validUntil: string | null;
  /** The day it was revoked, if by then. */
  revokedOn: string | null;
  /** The day a later credential replaced it, if by then, and that credential's number. */
  supersededOn: string | null;
  supersededBy: string | null;
  /** Whether the last suspension or reinstatement by then was a suspension; null: neither. */
  suspended: boolean | null;
  suspendedUntil: string | null;
}

/** What a reader would have seen on `day`: the same rule as today's status, over that day's history. */
export const statusOnDay = (history: CredentialHistoryRow, day: string): CredentialStatus =>
  effectiveStatus(
    history.revokedOn !== null
      ? 'revoked'
      : history.supersededOn !== null
        ? 'superseded'
        : history.suspended
          ? 'suspended'
          : 'active',
    history.validUntil,
    day,
    history.suspended ? history.suspendedUntil : null,
  );

export interface CredentialOnDay extends CredentialHistoryRow {
  status: CredentialStatus;
}

/** A credential as a renewal reads it: its dates, status today and its type's rules of renewal. */
export interface RenewableCredential {
  id: string;
  personId: string;
  number: string;
  status: CredentialStatus;
  validFrom: string;
  validUntil: string | null;
  issuerKind: IssuerKind;
  typeCode: string;
  typeName: string;
  /** The profession of its type (null: of none), which a profession-scoped account must share. */
  professionId: string | null;
  validityMonths: number | null;
  graceDays: number;
  renewalWindowDays: number;
  autoRenew: boolean;
}

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

const TOKEN = /\{(TYPE|YYYY|SEQ:(\d{1,2}))\}/g;

/** A format has one {SEQ:n} (n = 1..12 digits) and may use {TYPE} and {YYYY}; the rest is literal. */
export function isValidNumberFormat(format: string): boolean {
  const sequences = [...format.matchAll(/\{SEQ:(\d{1,2})\}/g)];
  if (sequences.length !== 1) return false;
  const width = Number(sequences[0][1]);
  if (width < 1 || width > 12) return false;
  const literal = format.replace(TOKEN, '');
  return !/[{}]/.test(literal) && /^[A-Za-z0-9./ -]*$/.test(literal);
}

/** Numbers restart each year when the format shows the year, so the scope of a sequence is that year. */
export const sequenceScope = (format: string, year: number) =>
  format.includes('{YYYY}') ? String(year) : 'all';

export function formatNumber(
  format: string,
  values: { typeCode: string; year: number; sequence: number },
): string {
  return format.replace(TOKEN, (_token, name: string, width?: string) => {
    if (name === 'TYPE') return values.typeCode;
    if (name === 'YYYY') return String(values.year);
    return String(values.sequence).padStart(Number(width), '0');
  });
}

/** The last day of validity: the day before the same date `months` later; null is for life. */
export function validUntil(validFrom: string, months: number | null): string | null {
  if (months === null) return null;
  const [year, month, day] = validFrom.split('-').map(Number);
  const end = new Date(Date.UTC(year, month - 1 + months, day));
  // 31 Jan + 1 month would overflow into March; clamp to the month's last day.
  if (end.getUTCDate() !== day) end.setUTCDate(0);
  else end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** What a reader sees today: revoked and suspended win; an active credential past its end date is expired. */
export function effectiveStatus(
  stored: StoredStatus,
  validUntilDate: string | null,
  today: string,
): CredentialStatus {
  if (stored !== 'active') return stored;
  return validUntilDate !== null && validUntilDate < today ? 'expired' : 'active';
}

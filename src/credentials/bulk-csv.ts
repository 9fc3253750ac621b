import { csvRow } from 'src/common/csv';
import { AppError } from 'src/common/errors/app-error';
import type { BulkVerificationItem } from 'src/credentials/dto/organisation-verification.dto';

/** The numbers of a CSV upload: the first column of each line, without a "number" header or blank lines. */
export function numbersFromCsv(csv: string): string[] {
  const lines = csv
    .split(/\r?\n/)
    .map((line) =>
      line
        .split(',')[0]
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim(),
    )
    .filter((value) => value !== '');
  if (lines[0]?.toLowerCase() === 'number') lines.shift();
  if (!lines.length) {
    throw new AppError('validation-failed', 'Check these fields: numbers', {
      errors: [{ field: 'numbers', message: 'the CSV holds no credential numbers' }],
    });
  }
  return lines;
}

const COLUMNS = [
  'number',
  'found',
  'status',
  'holderName',
  'credentialType',
  'profession',
  'issuingAuthority',
  'validFrom',
  'validUntil',
] as const;

export function resultsToCsv(results: BulkVerificationItem[]): string {
  const lines = results.map((r) =>
    csvRow([
      r.number,
      r.found,
      r.status,
      r.holderName,
      r.credentialType?.name,
      r.credentialType?.profession,
      r.issuingAuthority,
      r.validFrom,
      r.validUntil,
    ]),
  );
  return `${COLUMNS.join(',')}\r\n${lines.join('')}`;
}

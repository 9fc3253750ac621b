import { csvRow, csvRows } from 'src/common/csv';
import { AppError } from 'src/common/errors/app-error';
import type { BulkVerificationItem } from 'src/credentials/dto/organisation-verification.dto';

const noNumbers = (message: string) =>
  new AppError('validation-failed', 'Check these fields: numbers', {
    errors: [{ field: 'numbers', message }],
  });

/** The numbers of a CSV upload: the first column of each row, without a "number" header or blank rows. */
export function numbersFromCsv(csv: string): string[] {
  let rows: string[][];
  try {
    rows = csvRows(csv);
  } catch (error) {
    throw noNumbers(`the CSV cannot be read: ${(error as Error).message}`);
  }
  const numbers = rows.map((row) => row[0] ?? '').filter((value) => value !== '');
  if (numbers[0]?.toLowerCase() === 'number') numbers.shift();
  if (!numbers.length) throw noNumbers('the CSV holds no credential numbers');
  return numbers;
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
  'holderSanctions',
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
      r.holderSanctions
        ?.map(
          (sanction) =>
            `${sanction.name} from ${sanction.from}${sanction.until ? ` to ${sanction.until}` : ''}`,
        )
        .join('; '),
    ]),
  );
  return `${COLUMNS.join(',')}\r\n${lines.join('')}`;
}

import { parse } from 'csv-parse/sync';

/** One CSV field: quoted when needed, and never read by a spreadsheet as a formula. */
export function csvField(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (RFC 4180: CRLF-terminated). */
export const csvRow = (values: (string | number | boolean | null | undefined)[]) =>
  `${values.map(csvField).join(',')}\r\n`;

/**
 * The longest record (line) a CSV upload may hold, in characters: a register line is a few hundred.
 * A file of one endless line is refused at this length, naming it, instead of being held whole.
 */
export const CSV_MAX_RECORD_CHARS = 10_000;

/**
 * The rows of a small CSV upload, read whole: any line ending, a BOM, blank lines and ragged rows
 * accepted, fields trimmed. Throws csv-parse's error on a file it cannot read.
 */
export const csvRows = (text: string): string[][] =>
  parse(text, {
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: CSV_MAX_RECORD_CHARS,
  });

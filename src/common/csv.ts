import { CsvError, parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotUtf8Error, utf8LinesOnly } from 'src/common/encoding/utf8-lines';

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

/**
 * The rows of a CSV upload read as it arrives (a roster), each with its line, an optional header
 * row (its first cell `header`) skipped: at most `maxRows`, refused at the row past them with
 * `tooMany` before the rest is read; any line ending, a BOM, blank lines and ragged rows
 * accepted, fields trimmed, lines of at most `maxLine` characters. A file that is not UTF-8 or
 * not CSV is refused with `unreadable(reason)`.
 */
export async function csvRowsAsTheyArrive(
  input: Readable,
  options: {
    header: string;
    maxRows: number;
    maxLine: number;
    tooMany: () => Error;
    unreadable: (reason: string) => Error;
  },
): Promise<{ record: string[]; line: number }[]> {
  const rows: { record: string[]; line: number }[] = [];
  const parser = parseStream({
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: options.maxLine,
    info: true,
  });
  const reading = pipeline(input, utf8LinesOnly(), parser);
  try {
    let first = true;
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (first && record[0]?.toLowerCase() === options.header) {
        first = false;
        continue;
      }
      first = false;
      if (rows.length === options.maxRows) throw options.tooMany();
      rows.push({ record, line: info.lines });
    }
    await reading;
  } catch (error) {
    input.destroy();
    reading.catch(() => undefined);
    if (error instanceof CsvError || error instanceof NotUtf8Error) {
      throw options.unreadable(`the CSV cannot be read: ${error.message}`);
    }
    throw error;
  }
  return rows;
}

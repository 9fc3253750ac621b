/** One CSV field: quoted when needed, and never read by a spreadsheet as a formula. */
export function csvField(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (RFC 4180: CRLF-terminated). */
export const csvRow = (values: (string | number | boolean | null | undefined)[]) =>
  `${values.map(csvField).join(',')}\r\n`;

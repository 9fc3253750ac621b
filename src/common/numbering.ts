/**
 * Number formats kept in data: literal text with `{NAME}` tokens and exactly one `{SEQ:n}`, a
 * zero-padded sequence of n digits (1..12). Credentials use {TYPE}, {YYYY}, {YY} and {MM}; member
 * numbers {CHAPTER}, {CATEGORY}, {YYYY}, {YY} and {MM}.
 */
const TOKEN = /\{([A-Z]+)(?::(\d{1,2}))?\}/g;

export function isValidNumberFormat(format: string, names: readonly string[]): boolean {
  const tokens = [...format.matchAll(TOKEN)];
  const sequences = tokens.filter(([, name]) => name === 'SEQ');
  if (sequences.length !== 1) return false;
  const width = Number(sequences[0][2]);
  if (!(width >= 1 && width <= 12)) return false;
  if (tokens.some(([, name, width]) => name !== 'SEQ' && (!names.includes(name) || width))) {
    return false;
  }
  const literal = format.replace(TOKEN, '');
  return !/[{}]/.test(literal) && /^[A-Za-z0-9./ -]*$/.test(literal);
}

/** Fills every token but the sequence: numbers with the same prefix share one counter. */
export const numberScope = (format: string, values: Record<string, string | number>) =>
  format.replace(TOKEN, (token, name: string) => (name === 'SEQ' ? token : String(values[name])));

export const formatNumber = (
  format: string,
  values: Record<string, string | number>,
  sequence: number,
) =>
  format.replace(TOKEN, (_token, name: string, width?: string) =>
    name === 'SEQ' ? String(sequence).padStart(Number(width), '0') : String(values[name]),
  );

import type { EntityManager } from 'typeorm';

export type SequenceName = 'member' | 'invoice' | 'receipt';

/**
 * The next value of a counter. The upsert locks the counter's row until the transaction ends, so
 * concurrent callers take turns; a rolled-back transaction gives its number back, leaving no gap.
 */
export async function nextInSequence(
  manager: EntityManager,
  name: SequenceName,
  scope: string,
): Promise<number> {
  const [{ value }] = await manager.query<{ value: string }[]>(
    `INSERT INTO membership_sequences (name, scope, last_value) VALUES ($1, $2, 1)
     ON CONFLICT (name, scope) DO UPDATE SET last_value = membership_sequences.last_value + 1
     RETURNING last_value AS value`,
    [name, scope],
  );
  return Number(value);
}

/** Invoice and receipt numbers: a prefix, the year, a sequence per year. */
export async function nextDocumentNumber(
  manager: EntityManager,
  name: 'invoice' | 'receipt',
  year: string,
): Promise<string> {
  const sequence = await nextInSequence(manager, name, year);
  return `${name === 'invoice' ? 'INV' : 'RCP'}-${year}-${String(sequence).padStart(6, '0')}`;
}

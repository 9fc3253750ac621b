/**
 * Which configured items hold where a profession is in question. A credential type, category or
 * policy of no profession holds for every profession; one of a profession holds for that
 * profession alone; and a question asked for no profession (a category of none) takes every item.
 * The doctors' `STR` so never meets an engineers' requirement named `STR`.
 */
export function holdsFor(
  itemProfessionId: string | null | undefined,
  professionId: string | null | undefined,
): boolean {
  return itemProfessionId == null || professionId == null || itemProfessionId === professionId;
}

/** `holdsFor` in SQL, over two uuid expressions. */
export const HOLDS_FOR_SQL = (itemProfessionId: string, professionId: string) =>
  `(${itemProfessionId} IS NULL OR ${professionId}::uuid IS NULL OR ${itemProfessionId} = ${professionId}::uuid)`;

/**
 * The one of several items sharing a code that a profession reads: its own, else the one of no
 * profession; for no profession, the only one there is (several: none, the code being ambiguous).
 */
export function ownOrShared<T extends { professionId: string | null }>(
  items: T[],
  professionId: string | null | undefined,
): T | undefined {
  if (professionId == null) return items.length === 1 ? items[0] : undefined;
  return (
    items.find((item) => item.professionId === professionId) ??
    items.find((item) => item.professionId === null)
  );
}

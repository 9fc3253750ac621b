import { gzipSync } from 'node:zlib';

/** Positions per list: 131,072 bits, 16 KiB before compression (the spec's minimum size). */
export const STATUS_LIST_SIZE = 131_072;

/** Lists whose positions fit a PostgreSQL integer (2^31 / STATUS_LIST_SIZE). */
export const MAX_STATUS_LISTS = 2 ** 31 / STATUS_LIST_SIZE;

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

export const listOf = (index: number) => ({
  list: Math.floor(index / STATUS_LIST_SIZE) + 1,
  position: index % STATUS_LIST_SIZE,
});

/**
 * `encodedList` of a BitstringStatusList: bit i set for each listed position (the first position
 * is the most significant bit of the first byte), GZIP-compressed, multibase base64url (`u`).
 */
export function encodeStatusList(setPositions: Iterable<number>): string {
  const bits = Buffer.alloc(STATUS_LIST_SIZE / 8);
  for (const position of setPositions) bits[position >> 3] |= 0x80 >> (position & 7);
  return `u${gzipSync(bits).toString('base64url')}`;
}

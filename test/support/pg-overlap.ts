import { Client } from 'pg';

type Query = (this: Client, ...args: unknown[]) => unknown;

/**
 * Counts queries sent on a pg client that is still running another: pg 8 queues them with a
 * deprecation warning, pg 9 will refuse them. A transaction's queries must go one at a time.
 */
export function watchOverlappingQueries(): { overlapping(): number; restore(): void } {
  const prototype = Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  let overlapping = 0;
  prototype.query = function (this: Client, ...args: unknown[]) {
    const busy = this as unknown as { _activeQuery: unknown; _queryQueue: unknown[] };
    if (busy._activeQuery || busy._queryQueue.length) overlapping++;
    return original.apply(this, args);
  };
  return {
    overlapping: () => overlapping,
    restore: () => {
      prototype.query = original;
    },
  };
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { Pool, PoolClient } from 'pg';
import type { DatabaseTimeouts } from 'src/config/settings';

/**
 * One deadline per request for everything it waits for in the database: a free connection, a
 * lock, a statement, and the sum of them over a transaction. Each limit of its own
 * (DATABASE_POOL_WAIT_MS, DATABASE_LOCK_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS) still holds,
 * narrowed to what is left of REQUEST_DEADLINE_MS when the connection is handed out, so waits never
 * add up past it. Outside a request (jobs, start-up) and for long work (an import, a report
 * streamed, a file read as it arrives) only the limits of their own hold.
 */
const deadlines = new AsyncLocalStorage<{ endsAt: number }>();

export const RequestDeadline = {
  /** Runs `work` (and all it starts) held to a deadline `ms` from now. */
  run<T>(ms: number, work: () => T): T {
    return deadlines.run({ endsAt: performance.now() + ms }, work);
  },

  /** Runs `work` outside any deadline: long work that answers for each statement alone. */
  lift<T>(work: () => T): T {
    return deadlines.exit(work);
  },

  /** When the deadline of the request running ends (performance.now() time), if it has one. */
  endsAt(): number | undefined {
    return deadlines.getStore()?.endsAt;
  },
};

/** Limits go down in steps of this: a request may end up to this much before its deadline. */
const STEP_MS = 100;

const msLeft = (endsAt: number) => Math.floor(endsAt - performance.now());

type Connect = (
  callback: (error: Error | undefined, client?: PoolClient, release?: () => void) => void,
) => void;

/** The message node-postgres gives when no connection came in time (read as database-busy). */
const NO_CONNECTION_IN_TIME = 'timeout exceeded when trying to connect';

/**
 * Holds a pool's connections to the deadline of the request that takes them: the wait for a free
 * connection is cut to what is left, and the connection handed out carries lock, statement and
 * transaction limits no longer than what is left then. A connection later taken outside a
 * request gets its own limits back. PostgreSQL 17 is needed for the transaction limit.
 */
export function holdToRequestDeadline(pool: Pool, timeouts: DatabaseTimeouts): void {
  const options = (pool as unknown as { options: { connectionTimeoutMillis?: number } }).options;
  const connect = pool.connect.bind(pool) as unknown as (
    callback: (error: Error | undefined, client?: PoolClient) => void,
  ) => void;
  /** The limits each connection was last given, when not its own. */
  const given = new WeakMap<PoolClient, string>();

  /**
   * Gives the connection limits for what is left of the deadline (none: its own limits back),
   * rounded down to a tenth of a second, so that connections taken one after another with about
   * as much left keep the limits they have, without a round trip to set them again.
   */
  const limitTo = async (client: PoolClient, left: number | undefined) => {
    const within = left === undefined || left < STEP_MS ? left : left - (left % STEP_MS);
    const limits =
      within === undefined
        ? undefined
        : [Math.min(timeouts.lockMs, within), Math.min(timeouts.statementMs, within), within];
    const key = limits?.join('/');
    if (given.get(client) === key) return;
    const [lock, statement, transaction] = limits ?? [timeouts.lockMs, timeouts.statementMs, 0];
    await client.query(
      `SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false),
              set_config('transaction_timeout', $3, false)`,
      [`${lock}ms`, `${statement}ms`, `${transaction}ms`],
    );
    if (key === undefined) given.delete(client);
    else given.set(client, key);
  };

  const heldConnect: Connect = (callback) => {
    const endsAt = RequestDeadline.endsAt();
    // The pool calls back from whichever request gave a connection back: resume in this one's.
    const resume = AsyncLocalStorage.bind(callback);
    const left = endsAt === undefined ? undefined : msLeft(endsAt);
    if (left !== undefined && left < 1) {
      return process.nextTick(() => resume(new Error(NO_CONNECTION_IN_TIME)));
    }
    // pg-pool reads the limit as connect() starts waiting: set for this call alone.
    const ownLimit = options.connectionTimeoutMillis;
    if (left !== undefined) options.connectionTimeoutMillis = Math.min(left, ownLimit || left);
    try {
      connect((error, client) => {
        if (error || !client) return resume(error);
        const leftNow = endsAt === undefined ? undefined : msLeft(endsAt);
        if (leftNow !== undefined && leftNow < 1) {
          client.release();
          return resume(new Error(NO_CONNECTION_IN_TIME));
        }
        limitTo(client, leftNow).then(
          () => resume(undefined, client, (error?: Error | boolean) => client.release(error)),
          (failed: Error) => {
            // A connection whose limits are not known is not handed out again.
            client.release(failed);
            resume(failed);
          },
        );
      });
    } finally {
      options.connectionTimeoutMillis = ownLimit;
    }
  };

  pool.connect = ((callback?: Parameters<Connect>[0]) => {
    if (callback) return heldConnect(callback);
    return new Promise<PoolClient>((resolve, reject) =>
      heldConnect((error, client) => (error ? reject(error) : resolve(client!))),
    );
  }) as Pool['connect'];
}

import type { QueryRunner } from 'typeorm';
import type { TestApp } from 'test/support/app';

/** Returns once `count` sessions of this test's database wait on a lock (polled from `observer`). */
export async function untilWaitingOnLocks(observer: QueryRunner, count: number): Promise<void> {
  for (let waiting = 0; waiting < count;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await observer.query('SELECT pg_stat_clear_snapshot()');
    const rows = (await observer.query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )) as { waiting: number }[];
    waiting = rows[0].waiting;
  }
}

/**
 * Sends requests while a row is held, and lets it go once every one of them waits on a lock, so
 * they meet in the database at the same moment instead of whenever the event loop gets to them.
 * Without the code's own row lock they all read the row unchanged, so a race the lock prevents
 * shows in the answers. At most four at once: the test app's pool has five connections.
 */
export function sendTogetherBehindRow<T>(
  t: TestApp,
  table: string,
  id: string,
  requests: (() => PromiseLike<T>)[],
): Promise<T[]> {
  return sendTogetherBehind(
    t,
    (holder) => holder.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, [id]),
    requests,
  );
}

/**
 * Sends requests while `hold` keeps a lock in a transaction of its own (the code's own lock,
 * taken the way it takes it), and lets it go once every one of them waits on a lock: requests
 * that each pass their sign-in check first then meet where the lock decides between them.
 */
export async function sendTogetherBehind<T>(
  t: TestApp,
  hold: (holder: QueryRunner) => Promise<unknown>,
  requests: (() => PromiseLike<T>)[],
): Promise<T[]> {
  const holder = t.db.createQueryRunner();
  await holder.connect();
  try {
    await holder.startTransaction();
    await hold(holder);
    const answers = Promise.all(requests.map((send) => send()));
    await untilWaitingOnLocks(holder, requests.length);
    await holder.rollbackTransaction();
    return await answers;
  } finally {
    if (holder.isTransactionActive) await holder.rollbackTransaction();
    await holder.release();
  }
}

/** Polls (no fixed sleep) until `done` holds, for at most `ms`: what a job in the background does. */
export async function until(done: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > ms) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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
export async function sendTogetherBehindRow<T>(
  t: TestApp,
  table: string,
  id: string,
  requests: (() => PromiseLike<T>)[],
): Promise<T[]> {
  const holder = t.db.createQueryRunner();
  await holder.connect();
  try {
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    const answers = Promise.all(requests.map((send) => send()));
    await untilWaitingOnLocks(holder, requests.length);
    await holder.rollbackTransaction();
    return await answers;
  } finally {
    if (holder.isTransactionActive) await holder.rollbackTransaction();
    await holder.release();
  }
}

import { performance } from 'node:perf_hooks';
import type { EntityManager } from 'typeorm';
import { fromDatabaseUnavailable } from 'src/common/errors/database-errors';
import { QuickReads } from 'src/database/quick-reads';
import { RequestDeadline } from 'src/database/request-deadline';
import { Transactions } from 'src/database/transactions';
import { useAppContext } from 'test/support/app-context';

/**
 * A request's waits in the database, on a pool of one connection: each limit of its own (3 s for
 * a lock, 5 s for a connection, 8 s for a statement) narrowed to what is left of its deadline.
 */
describe('one deadline for all the waits of a request', () => {
  const app = useAppContext({
    databasePoolSize: 1,
    databaseReadPoolSize: 1,
    databaseTimeouts: {
      statementMs: 8_000,
      lockMs: 3_000,
      poolWaitMs: 5_000,
      requestMs: 10_000,
      jobMs: 60_000,
    },
  });
  const transactions = () => app().context.get(Transactions);
  const limitsOf = async (manager: EntityManager) => {
    const [row] = await manager.query<Record<string, string>[]>(
      `SELECT current_setting('lock_timeout') AS lock,
              current_setting('statement_timeout') AS statement,
              current_setting('transaction_timeout') AS transaction`,
    );
    return row;
  };
  const timed = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    const outcome = await work().then(
      () => undefined,
      (error: unknown) => fromDatabaseUnavailable(error)?.code ?? error,
    );
    return { outcome, ms: performance.now() - started };
  };
  const sleeps = (manager: EntityManager) =>
    manager.query(`SELECT pg_sleep(0.6)`).then(() => manager.query(`SELECT pg_sleep(0.6)`));

  it('ends a transaction whose statements, each within its own limit, add up past the deadline', async () => {
    const held = await timed(() => RequestDeadline.run(900, () => transactions().run(sleeps)));
    expect(held.outcome).toBe('database-busy');
    expect(held.ms).toBeLessThan(1_200 + 800);
    // Without a deadline the same work runs to its end.
    expect((await timed(() => transactions().run(sleeps))).outcome).toBeUndefined();
  });

  it('gives a connection limits no longer than what is left, and its own limits back after', async () => {
    const inRequest = await RequestDeadline.run(2_000, () =>
      transactions().run((manager) => limitsOf(manager)),
    );
    for (const limit of [inRequest.lock, inRequest.statement, inRequest.transaction]) {
      expect(limit).toMatch(/^\d+ms$/);
      expect(parseInt(limit, 10)).toBeLessThanOrEqual(2_000);
      expect(parseInt(limit, 10)).toBeGreaterThan(0);
    }
    // The same (only) connection, taken by a job: its own limits.
    expect(await transactions().run((manager) => limitsOf(manager))).toEqual({
      lock: '3s',
      statement: '8s',
      transaction: '0',
    });
    const reads = app().context.get(QuickReads);
    const [read] = await RequestDeadline.run(1_000, () =>
      reads.query<{ lock: string }>(
        'deadline-lock',
        `SELECT current_setting('lock_timeout') AS lock`,
        [],
      ),
    );
    expect(parseInt(read.lock, 10)).toBeLessThanOrEqual(1_000);
  });

  it('waits for a free connection only as long as the deadline leaves', async () => {
    const holding = transactions().run((manager) => manager.query(`SELECT pg_sleep(2.5)`));
    while (transactions().poolState().idle > 0)
      await new Promise((resolve) => setImmediate(resolve));
    const waited = await timed(() =>
      RequestDeadline.run(500, () => transactions().reader.query('SELECT 1')),
    );
    expect(waited.outcome).toBe('database-busy');
    // Its own limit is 5 s; the holder gives the connection back at 2.5 s.
    expect(waited.ms).toBeLessThan(2_000);
    await holding;
  });

  it('does not hold long work (an import, a report) to the deadline', async () => {
    // A deadline already over: any wait held to it would fail at once.
    const runner = await RequestDeadline.run(0, () => transactions().connection());
    try {
      expect(await limitsOf(runner.manager)).toEqual({
        lock: '3s',
        statement: '8s',
        transaction: '0',
      });
    } finally {
      await runner.release();
    }
  });
});

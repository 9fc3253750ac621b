import type { EntityManager } from 'typeorm';
import type { DatabaseTimeouts } from 'src/config/settings';

/**
 * Lets the statements and lock waits of a job's transaction (an import, a report, the daily run)
 * run up to the job limit instead of a request's: they read or write much at once, and wait for
 * one another on purpose. A request's deadline no longer holds the transaction (a request may
 * start a job's work: see database/request-deadline.ts). The limit ends with the transaction.
 */
export async function allowJobWaits(
  manager: EntityManager,
  timeouts: DatabaseTimeouts,
): Promise<void> {
  await manager.query(
    `SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $1, true),
            set_config('transaction_timeout', '0', true)`,
    [`${timeouts.jobMs}ms`],
  );
}

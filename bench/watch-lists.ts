import type { Client } from 'pg';

/** The most numbers one roster enrols: the size an organisation's whole staff may reach. */
export const WATCH_ROSTER = 100_000;

/**
 * An organisation enrols a roster of `numbers` into a new watch list as CSV, as a hospital sends
 * its staff's licences: the seconds it took and the answer's counts.
 */
export async function timeWatchRoster(
  base: string,
  adminToken: string,
  numbers: string[],
): Promise<{
  seconds: number;
  answer: { enrolled: number; alreadyWatched: number; unknown: number };
}> {
  const created = await fetch(`${base}/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ name: 'bench watch', organisation: 'Bench Hospital' }),
  });
  const { key } = (await created.json()) as { key: string };
  const headers = { 'x-api-key': key };
  const list = await fetch(`${base}/watch-lists`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Medical staff', purpose: 'Credentialing (bench)' }),
  });
  const { id } = (await list.json()) as { id: string };
  const started = performance.now();
  const response = await fetch(`${base}/watch-lists/${id}/roster`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: `number\n${numbers.join('\n')}\n`,
  });
  const body = (await response.json()) as {
    enrolled: number;
    alreadyWatched: number;
    unknown: unknown[];
  };
  if (response.status !== 200) throw new Error(`roster answered ${response.status}`);
  return {
    seconds: (performance.now() - started) / 1000,
    answer: {
      enrolled: body.enrolled,
      alreadyWatched: body.alreadyWatched,
      unknown: body.unknown.length,
    },
  };
}

/**
 * The yardstick: the same numbers looked up and kept a thousand at a time by bare SQL in one
 * transaction, into a scratch table dropped after.
 */
export async function timeBareWatchRoster(client: Client, numbers: string[]): Promise<number> {
  const started = performance.now();
  await client.query('BEGIN');
  try {
    await client.query(
      `CREATE TEMP TABLE bench_watch (credential_id uuid PRIMARY KEY, number text) ON COMMIT DROP`,
    );
    for (let start = 0; start < numbers.length; start += 1000) {
      await client.query(
        `INSERT INTO bench_watch
         SELECT id, number FROM credentials
          WHERE number = ANY($1::text[]) AND verification_status = 'verified'
         ON CONFLICT DO NOTHING`,
        [numbers.slice(start, start + 1000)],
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return (performance.now() - started) / 1000;
}

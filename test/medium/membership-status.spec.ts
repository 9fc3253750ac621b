import { MEMBERSHIP_STATUSES, membershipStatus, STATUS_SQL } from 'src/membership/membership-rules';
import { useSqlClient } from 'test/support/sql-client';

/** The membership status rule is written for reads (TypeScript) and for lists and the daily run (SQL): they must agree. */
describe('membership status in SQL and in TypeScript', () => {
  const client = useSqlClient();

  it('reads the same status for every stored status, cover end, grace and suspension end', async () => {
    const today = '2027-02-01';
    const days = ['2026-12-01', '2027-01-15', '2027-01-31', today, '2027-02-02'];
    const cases = MEMBERSHIP_STATUSES.flatMap((status) =>
      days.flatMap((coveredUntil) =>
        [0, 30].flatMap((graceDays) =>
          [null, '2027-01-31', today, '2027-03-01']
            .filter((until) => status === 'suspended' || until === null)
            .map((suspendedUntil) => ({ status, coveredUntil, graceDays, suspendedUntil })),
        ),
      ),
    );
    const { rows } = await client().query<{ status: string }>(
      `SELECT ${STATUS_SQL} AS status
         FROM unnest($2::text[], $3::date[], $4::int[], $5::date[]) WITH ORDINALITY
           AS m (status, covered_until, grace_days, suspended_until, n)
         CROSS JOIN LATERAL (SELECT m.grace_days) AS c (grace_days)
        ORDER BY m.n`,
      [
        today,
        cases.map((c) => c.status),
        cases.map((c) => c.coveredUntil),
        cases.map((c) => c.graceDays),
        cases.map((c) => c.suspendedUntil),
      ],
    );
    const inTypeScript = cases.map((c) => membershipStatus(c, c.graceDays, today));
    expect(rows.map((row) => row.status)).toEqual(inTypeScript);
    expect(new Set(inTypeScript)).toEqual(new Set(MEMBERSHIP_STATUSES));
  });
});

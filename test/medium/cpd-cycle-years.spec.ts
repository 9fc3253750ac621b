import { addDays } from 'src/common/dates';
import { CYCLE_YEAR_SQL, cycleFrom, cycleYears } from 'src/cpd/cpd-rules';
import { useSqlClient } from 'test/support/sql-client';

/** The compliance report sums credits by cycle year in SQL; the transcript counts years in TypeScript. */
describe('a CPD cycle year in SQL and in TypeScript', () => {
  const client = useSqlClient();

  it('places every day of a cycle in the same year, whatever day the cycle begins', async () => {
    const starts = [
      '2024-01-01',
      '2024-01-31',
      '2024-02-28',
      '2024-02-29',
      '2023-03-01',
      '2025-12-31',
    ];
    const cases = starts.flatMap((startsOn) => {
      const cycle = cycleFrom(startsOn, { cycleMonths: 60, totalCredits: 1, domains: [] });
      return cycleYears(cycle).flatMap(({ from, to }, year) =>
        [from, addDays(from, 1), addDays(to, -1), to].map((day) => ({ startsOn, day, year })),
      );
    });
    const { rows } = await client().query<{ year: number }>(
      `SELECT ${CYCLE_YEAR_SQL('c.day', 'c.starts_on')} AS year
         FROM unnest($1::date[], $2::date[]) WITH ORDINALITY AS c (starts_on, day, n)
        ORDER BY n`,
      [cases.map((c) => c.startsOn), cases.map((c) => c.day)],
    );
    expect(rows.map((row) => row.year)).toEqual(cases.map((c) => c.year));
    expect(cases.filter((c) => c.startsOn === '2024-02-29' && c.year === 1)[0].day).toBe(
      '2025-03-01',
    );
  });
});

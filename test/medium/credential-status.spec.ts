import {
  CREDENTIAL_STATUSES,
  effectiveStatus,
  STATUS_CONDITIONS_SQL,
  STORED_STATUSES,
} from 'src/credentials/credential-rules';
import { useSqlClient } from 'test/support/sql-client';

/** The status rule is written twice, for reads (TypeScript) and for filters and lists (SQL): they must agree. */
describe('credential status in SQL and in TypeScript', () => {
  const client = useSqlClient();

  it('reads the same status for every stored status, suspension end and validity end', async () => {
    const today = '2027-02-01';
    const days = [null, '2027-01-31', today, '2027-02-02'];
    const cases = STORED_STATUSES.flatMap((status) =>
      days.flatMap((suspendedUntil) =>
        days
          .filter(() => status === 'suspended' || suspendedUntil === null)
          .map((validUntil) => ({ status, suspendedUntil, validUntil })),
      ),
    );
    const conditions = STATUS_CONDITIONS_SQL('c', '$4::date');
    const { rows } = await client().query<Record<string, boolean>>(
      `SELECT ${CREDENTIAL_STATUSES.map((s) => `coalesce(${conditions[s]}, false) AS ${s}`).join(', ')}
         FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY
           AS c (status, suspended_until, valid_until, n)
        ORDER BY n`,
      [
        cases.map((c) => c.status),
        cases.map((c) => c.suspendedUntil),
        cases.map((c) => c.validUntil),
        today,
      ],
    );
    const inSql = rows.map((row) => CREDENTIAL_STATUSES.filter((s) => row[s]));
    const inTypeScript = cases.map((c) => [
      effectiveStatus(c.status, c.validUntil, today, c.suspendedUntil),
    ]);
    expect(inSql).toEqual(inTypeScript);
    expect(new Set(inTypeScript.flat())).toEqual(new Set(CREDENTIAL_STATUSES));
  });
});

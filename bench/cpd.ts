import { Client } from 'pg';

/**
 * Credentials inserted by `insert` with their first validity period, as recording one here keeps
 * it: a CPD cycle is read from the period a day falls in.
 */
export const withPeriods = (insert: string) =>
  `WITH recorded AS (${insert} RETURNING id, valid_from, valid_until)
   INSERT INTO credential_periods (credential_id, valid_from, valid_until)
   SELECT id, valid_from, valid_until FROM recorded`;

/** Activities each seeded person attended: 20 credits rows a person, as the CPD issue sizes it. */
export const ACTIVITIES = 20;

const post = async (base: string, token: string, path: string, body: unknown) => {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status >= 300)
    throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
};

/**
 * CPD at scale: every person holds a practice permit (SIP) whose five years began between 2022
 * and 2025 (some under the legacy rule, most under KMK 1561/2024), and attended 20 accredited
 * activities over the years: a credit row each, seeded with set-based SQL. The provider and its
 * activities are made through the API; two more are left for the roster benchmark (JSON, CSV).
 * A database seeded before keeps its permits and credits.
 */
export async function seedCpd(
  client: Client,
  base: string,
  token: string,
): Promise<{ rosterActivityIds: [string, string]; providerKey: string; credits: number }> {
  const provider = await post(base, token, '/cpd/providers', {
    name: 'Bench provider',
    accreditedFrom: '2020-01-01',
    accreditedUntil: '2030-12-31',
  });
  const domains = ['learning', 'learning', 'professional', 'professional', 'community'];
  for (let k = 0; k <= ACTIVITIES + 1; k++) {
    const day = new Date(Date.UTC(2022, 0, 10) + k * 70 * 86_400_000).toISOString().slice(0, 10);
    await post(base, token, '/cpd/activities', {
      providerId: provider.id,
      title: `Bench activity ${k}`,
      domain: domains[k % domains.length],
      category: k % 3 ? 'seminar' : 'course',
      credits: 6,
      startsOn: day,
      endsOn: day,
      online: true,
    });
  }
  await client.query(
    withPeriods(`INSERT INTO credentials (person_id, credential_type_id, number, issuing_authority, verification_status, valid_from, valid_until)
     SELECT p.id, t.id, 'SIP-BENCH-' || p.national_id, t.issuing_authority, 'verified',
            date '2022-01-01' + (p.national_id::bigint % 1400)::int,
            date '2022-01-01' + (p.national_id::bigint % 1400)::int + interval '5 years' - interval '1 day'
       FROM persons p, credential_types t WHERE t.code = 'SIP'
     ON CONFLICT DO NOTHING`),
  );
  // This run's provider's: a database seeded before also holds an earlier run's, which this
  // provider's key may not report attendance for.
  const { rows: activities } = await client.query<{ id: string; title: string }>(
    `SELECT id, title FROM cpd_activities WHERE provider_id = $1 ORDER BY starts_on`,
    [provider.id],
  );
  const attended = activities.slice(0, ACTIVITIES).map((activity) => activity.id);
  await client.query(
    `INSERT INTO cpd_credits (person_id, title, domain, category, earned_on, credits, source, activity_id)
     SELECT p.id, a.title, a.domain, a.category, a.ends_on, a.credits, 'attendance', a.id
       FROM persons p CROSS JOIN cpd_activities a WHERE a.id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM cpd_credits earlier WHERE earlier.person_id = p.id)`,
    [attended],
  );
  await client.query('VACUUM (ANALYZE) cpd_credits');
  await client.query('VACUUM (ANALYZE) credentials');
  const [{ count }] = (
    await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM cpd_credits`)
  ).rows;
  return {
    rosterActivityIds: [activities[ACTIVITIES].id, activities[ACTIVITIES + 1].id],
    providerKey: provider.apiKey as string,
    credits: count,
  };
}

/**
 * The yardstick beside the compliance report: the database alone summing every holder's credits
 * of their cycle by domain, in one parallel query, with nothing counted, sent or written.
 */
export async function timeBareSums(client: Client): Promise<number> {
  const started = performance.now();
  await client.query(
    `SELECT count(*) FROM (
       SELECT h.person_id, c.domain, sum(c.credits)
         FROM credentials h
         JOIN credential_types t ON t.id = h.credential_type_id AND t.code = 'SIP'
         JOIN cpd_credits c ON c.person_id = h.person_id
          AND c.earned_on BETWEEN h.valid_from AND h.valid_until
        GROUP BY 1, 2) sums`,
  );
  return (performance.now() - started) / 1000;
}

/** What the job that remembers CPD standings does after working them out: VACUUM (ANALYZE). */
export async function tidyRemembered(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('VACUUM (ANALYZE) cpd_remembered_standings').finally(() => client.end());
}

/** The whole compliance report as CSV: seconds, and how many are behind. */
export async function timeCompliance(
  base: string,
  token: string,
): Promise<{ seconds: number; rows: number; mib: number }> {
  const started = performance.now();
  const response = await fetch(`${base}/cpd/compliance?policy=SKP_SIP`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/csv' },
  });
  if (response.status !== 200) throw new Error(`compliance answered ${response.status}`);
  let rows = -1;
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    // Counting by indexOf: a loop over every byte cost the client more than the server's work.
    const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    for (let at = buffer.indexOf(10); at !== -1; at = buffer.indexOf(10, at + 1)) rows++;
  }
  return { seconds: (performance.now() - started) / 1000, rows, mib: bytes / 1048576 };
}

/** One provider roster of `size` attendees by member number, as JSON or CSV: seconds. */
export async function timeRoster(
  base: string,
  key: string,
  activityId: string,
  size: number,
  format: 'json' | 'csv',
): Promise<{ seconds: number; answer: Record<string, unknown> }> {
  const numbers = Array.from({ length: size }, (_, i) => `BEN-${String(i + 1).padStart(16, '0')}`);
  const started = performance.now();
  const response = await fetch(`${base}/cpd/activities/${activityId}/attendance`, {
    method: 'POST',
    headers: {
      'content-type': format === 'csv' ? 'text/csv' : 'application/json',
      'x-api-key': key,
    },
    body:
      format === 'csv'
        ? `number\r\n${numbers.join('\r\n')}\r\n`
        : JSON.stringify({ attendees: numbers.map((number) => ({ number })) }),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200)
    throw new Error(`roster answered ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  return { seconds: (performance.now() - started) / 1000, answer };
}

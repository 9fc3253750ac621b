import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { Client } from 'pg';

/**
 * Membership at scale: a member for every seeded person (set-based SQL), and a register of
 * `rows` new people written as a CSV file for the import to read.
 */
export async function seedMemberships(client: Client): Promise<void> {
  await client.query(
    `INSERT INTO chapters (code, name)
     SELECT 'C' || lpad(i::text, 2, '0'), 'Cabang ' || i FROM generate_series(1, 20) AS i`,
  );
  await client.query(
    `INSERT INTO memberships (person_id, member_number, category_id, chapter_id, speciality, status,
                              status_changed_on, member_since, covered_until, listed_in_directory)
     SELECT p.id, 'BEN-' || p.national_id, c.id,
            (SELECT id FROM chapters WHERE code = 'C' || lpad((1 + p.national_id::bigint % 20)::text, 2, '0')),
            (ARRAY['Penyakit Dalam', 'Anak', 'Bedah', NULL])[1 + p.national_id::bigint % 4],
            'active', current_date, date '2015-01-01' + (p.national_id::bigint % 3000)::int,
            current_date + (p.national_id::bigint % 400)::int - 100, p.national_id::bigint % 10 = 0
       FROM persons p, membership_categories c WHERE c.code = 'ORDINARY'`,
  );
  await client.query(
    `INSERT INTO membership_periods (membership_id, category_id, starts_on, ends_on, granted_at)
     SELECT id, category_id, covered_until - 364, covered_until, now() FROM memberships`,
  );
  // Measured as a database in service is: vacuumed (visibility map, hint bits) and analysed.
  await client.query('VACUUM (ANALYZE)');
}

export async function writeRegister(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  out.write(
    'full_name,national_id,email,chapter_code,category_code,member_number,member_since,covered_until,status,credential_type,credential_number,credential_valid_from\r\n',
  );
  // New people on every run, so a reused database imports as much as a fresh one.
  const run = String(Date.now() % 1000).padStart(3, '0');
  for (let i = 1; i <= rows; i++) {
    const line = `Impor Anggota ${i},9${run}${String(i).padStart(12, '0')},impor${i}@example.org,C${String(1 + (i % 20)).padStart(2, '0')},ORDINARY,IMP-${run}-${String(i).padStart(8, '0')},2018-01-01,2027-06-30,active,STR,STR-IMP-${run}-${i},2018-01-02\r\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return (await stat(path)).size;
}

/** Peak resident memory of a process so far (VmHWM), in MiB. */
export async function peakMemoryMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kib / 1024);
}

export async function timeImport(
  base: string,
  token: string,
  path: string,
): Promise<{ seconds: number; report: Record<string, unknown> }> {
  const started = performance.now();
  // fetch streams a web ReadableStream body when told the request is half-duplex.
  const init = {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: Readable.toWeb(createReadStream(path)),
    duplex: 'half',
  };
  const response = await fetch(
    `${base}/memberships/imports?fileName=bench.csv`,
    init as RequestInit,
  );
  const report = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201)
    throw new Error(`import answered ${response.status}: ${JSON.stringify(report).slice(0, 500)}`);
  return { seconds: (performance.now() - started) / 1000, report };
}

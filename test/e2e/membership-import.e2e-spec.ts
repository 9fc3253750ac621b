import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { auditRowsFor, expectProblem } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

const HEADER =
  'full_name,national_id,email,chapter_code,category_code,member_number,member_since,covered_until,status,credential_type,credential_number,credential_valid_from';

function register(rows: number, from = 1, override: Record<number, string> = {}) {
  const lines = [HEADER];
  for (let i = from; i < from + rows; i++) {
    lines.push(
      override[i] ??
        `Anggota ${i},3171${String(i).padStart(12, '0')},a${i}@example.org,PLG,ORDINARY,PLG-2019-${String(i).padStart(6, '0')},2019-03-01,2099-12-31,active,STR,STR-IMP-${i},2019-01-15`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('membership import: a register from CSV, all or nothing', () => {
  let t: TestApp;
  let registrar: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    await new Pipeline(t, admin).chapter('PLG');
  });
  afterAll(() => t.close());

  const upload = (csv: string | Buffer, query = '', by = registrar) =>
    t
      .http()
      .post(`/memberships/imports${query}`)
      .set('authorization', by.bearer)
      .set('content-type', 'text/csv')
      .send(csv);
  const tableCounts = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*) FROM persons)::int AS people,
                (SELECT count(*) FROM memberships)::int AS memberships,
                (SELECT count(*) FROM credentials)::int AS credentials`,
      )
    )[0];

  it('dry-runs a file: every bad row is named with its column, and nothing is written', async () => {
    const before = await tableCounts();
    const csv = register(6, 1, {
      2: 'Anggota 2,,bad-email,PLG,ORDINARY,,2019-03-01,2099-12-31,active,,,',
      4: 'Anggota 4,3171000000000001,,XXX,NOPE,,2019-02-30,2018-01-01,sleeping,STR,,2019-01-15',
      5: 'Anggota 5,3171000000000005,,PLG,ORDINARY,PLG-2019-000001,2019-03-01,2099-12-31,active,,,',
    });
    const report = await upload(csv, '?dryRun=true&fileName=register.csv').expect(200);
    expect(report.body).toMatchObject({
      dryRun: true,
      status: 'rejected',
      fileName: 'register.csv',
      totalRows: 6,
      processedRows: 6,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(report.body.errors).toEqual([
      { row: 3, column: 'national_id', message: 'is required' },
      { row: 3, column: 'email', message: 'is not an email address' },
      { row: 5, column: 'chapter_code', message: 'no chapter has the code XXX' },
      { row: 5, column: 'category_code', message: 'no membership category has the code NOPE' },
      { row: 5, column: 'member_since', message: 'must be a date as YYYY-MM-DD' },
      { row: 5, column: 'status', message: expect.stringMatching(/^must be one of active/) },
      { row: 5, column: 'credential_number', message: 'is required when a credential is given' },
      { row: 6, column: 'member_number', message: 'repeats row 2' },
    ]);
    expect(report.body.errorCount).toBe(report.body.errors.length);
    expect(await tableCounts()).toEqual(before);
  });

  it('names a missing or unknown column on the header row', async () => {
    const report = await upload(
      'full_name,national_id,favourite_colour\nA,1,blue\n',
      '?dryRun=true',
    ).expect(200);
    expect(report.body.errors).toEqual(
      expect.arrayContaining([
        { row: 1, column: 'chapter_code', message: 'required column is missing' },
        { row: 1, column: 'favourite_colour', message: 'unknown column' },
      ]),
    );
  });

  it('names a NUL character, which the database cannot hold, in a cell or a column name', async () => {
    const before = await tableCounts();
    const inCell = register(2, 1, {
      2: 'Angg\u0000ota 2,3171000000000002,,PLG,ORDINARY,,2019-03-01,2099-12-31,active,,,',
    });
    const cellReport = await upload(inCell).expect(422);
    expect(cellReport.body.report.errors).toEqual([
      { row: 3, column: 'full_name', message: 'must not contain a NUL character' },
    ]);
    const inHeader = await upload(`${HEADER},col\u0000our\r\n`, '?dryRun=true').expect(200);
    expect(inHeader.body.errors).toEqual([
      { row: 1, column: 'col\\0our', message: 'unknown column' },
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a file that is not UTF-8 (a Windows-1252 export), naming its line, and an empty file', async () => {
    const before = await tableCounts();
    const windows1252 = Buffer.from(
      register(3, 1, {
        2: 'D\xe9sir\xe9e,3171000000000002,,PLG,ORDINARY,,2019-03-01,2099-12-31,active,,,',
      }),
      'latin1',
    );
    const report = await upload(windows1252).expect(422);
    expect(report.body.report.errors).toEqual([
      {
        row: 3,
        column: null,
        message:
          'The file cannot be read as CSV: line 3 is not UTF-8 text; save the file as "CSV UTF-8"',
      },
    ]);
    const empty = await upload('', '?dryRun=true').expect(200);
    expect(empty.body).toMatchObject({
      status: 'rejected',
      errors: [{ row: 1, column: null, message: 'The file is empty: it needs a header row' }],
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('commits nothing when a row in the middle is bad, though the batches before it were written', async () => {
    const before = await tableCounts();
    const csv = register(6000, 1, {
      5500: 'Anggota 5500,31710000005500,,PLG,ORDINARY,,2019-03-01,2018-03-01,active,,,',
    });
    const refused = await upload(csv);
    expectProblem(refused, 422, 'import-rejected');
    expect(refused.body.report).toMatchObject({
      status: 'rejected',
      totalRows: 6000,
      errorCount: 1,
      errors: [{ row: 5501, column: 'covered_until', message: 'must not be before member_since' }],
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('commits a good file, keeping numbers and reading status from the dates; a re-run creates nothing', async () => {
    const before = await tableCounts();
    const csv = register(2500);
    const done = await upload(csv, '?fileName=register.csv').expect(201);
    expect(done.body).toMatchObject({
      status: 'committed',
      totalRows: 2500,
      created: { people: 2500, memberships: 2500, credentials: 2500 },
      unchanged: { people: 0, memberships: 0, credentials: 0 },
      errors: [],
    });
    expect(await tableCounts()).toEqual({
      people: before.people + 2500,
      memberships: before.memberships + 2500,
      credentials: before.credentials + 2500,
    });
    const member = await t
      .http()
      .get('/memberships?memberNumber=PLG-2019-000042')
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(member.body.items[0]).toMatchObject({
      fullName: 'Anggota 42',
      status: 'active',
      memberSince: '2019-03-01',
      coveredUntil: '2099-12-31',
    });
    const detail = await t
      .http()
      .get(`/memberships/${member.body.items[0].id}`)
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(detail.body.statusChanges[0].reason).toBe(
      `Imported from the register (import ${done.body.id})`,
    );
    const [provenance] = await t.db.query(`SELECT import_id FROM memberships WHERE id = $1`, [
      member.body.items[0].id,
    ]);
    expect(provenance.import_id).toBe(done.body.id);
    const audit = await auditRowsFor(t, 'membership_import', done.body.id);
    expect(audit.map((row) => row.action)).toEqual(['membership_import.committed']);

    const again = await upload(csv).expect(201);
    expect(again.body).toMatchObject({
      created: { people: 0, memberships: 0, credentials: 0 },
      unchanged: { people: 2500, memberships: 2500, credentials: 2500 },
    });
    expect(again.body.sha256).toBe(done.body.sha256);
    expect(await tableCounts()).toEqual({
      people: before.people + 2500,
      memberships: before.memberships + 2500,
      credentials: before.credentials + 2500,
    });
  });

  it('writes two overlapping registers sent at once one after the other: the overlap is found, not duplicated', async () => {
    const before = await tableCounts();
    const [first, second] = await Promise.all([
      upload(register(300, 50_001)),
      upload(register(300, 50_201)),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    const created = first.body.created.people + second.body.created.people;
    const unchanged = first.body.unchanged.people + second.body.unchanged.people;
    expect({ created, unchanged }).toEqual({ created: 500, unchanged: 100 });
    expect(await tableCounts()).toEqual({
      people: before.people + 500,
      memberships: before.memberships + 500,
      credentials: before.credentials + 500,
    });
  });

  it('refuses a row whose member number or credential belongs to someone else', async () => {
    const csv = register(2, 9000, {
      9000: 'Someone Else,3171999999999000,,PLG,ORDINARY,PLG-2019-000042,2019-03-01,2099-12-31,active,,,',
      9001: 'Another,3171999999999001,,PLG,ORDINARY,,2019-03-01,2099-12-31,lapsed,STR,STR-IMP-7,2019-01-15',
    });
    const report = await upload(csv, '?dryRun=true').expect(200);
    expect(report.body.errors).toEqual([
      { row: 2, column: 'member_number', message: 'already held by another member' },
      { row: 3, column: 'credential_number', message: 'already recorded for another person' },
    ]);
  });

  it("applies the credential type's rules: validity from the type, the per-person cap, review before it counts", async () => {
    // A person already on record with three valid practice permits (SIP: at most three at once).
    const nationalId = '3171666666666666';
    // A practice permit is per place of practice: a row names its place.
    const withPlace = `${HEADER},credential_place`;
    const noPlace = [
      withPlace,
      `Dokter Tiga Izin,${nationalId},,PLG,ORDINARY,,2019-03-01,2099-12-31,,SIP,SIP-CAP-1,2024-01-15,`,
      '',
    ].join('\r\n');
    expect((await upload(noPlace, '?dryRun=true').expect(200)).body.errors).toEqual([
      {
        row: 2,
        column: 'credential_place',
        message: 'SIP is issued per place of practice: name the place',
      },
    ]);
    const first = [
      withPlace,
      `Dokter Tiga Izin,${nationalId},,PLG,ORDINARY,,2019-03-01,2099-12-31,,SIP,SIP-CAP-1,2024-01-15,RS Charitas Palembang`,
      '',
    ].join('\r\n');
    await upload(first).expect(201);
    const [{ id: personId }] = await t.db.query(`SELECT id FROM persons WHERE national_id = $1`, [
      nationalId,
    ]);
    const sip = (await t.db.query(`SELECT id FROM credential_types WHERE code = 'SIP'`))[0]
      .id as string;
    for (const n of [2, 3]) {
      await t
        .http()
        .post('/credentials/record')
        .set('authorization', registrar.bearer)
        .send({
          personId,
          credentialTypeId: sip,
          number: `SIP-CAP-${n}`,
          validFrom: '2025-01-01',
          place: `Praktik ${n}`,
        })
        .expect(201);
    }
    const [imported] = await t.db.query(
      `SELECT valid_until::text, verification_status, place FROM credentials WHERE number = 'SIP-CAP-1'`,
    );
    // Left blank, the end is the type's five years; imported, it waits for review like any record.
    expect(imported).toEqual({
      valid_until: '2029-01-14',
      verification_status: 'submitted',
      place: 'RS Charitas Palembang',
    });

    const fourth = [
      withPlace,
      `Dokter Tiga Izin,${nationalId},,PLG,ORDINARY,,2019-03-01,2099-12-31,,SIP,SIP-CAP-4,2026-01-15,Klinik Keempat`,
      '',
    ].join('\r\n');
    const report = await upload(fourth, '?dryRun=true').expect(200);
    expect(report.body.errors).toEqual([
      {
        row: 2,
        column: 'credential_type',
        message: 'a person may hold at most 3 valid SIP at once; this person holds 3',
      },
    ]);
  });

  it('allocates member numbers when the register has none, and records progress', async () => {
    const csv = `${HEADER}\r\nTanpa Nomor,3171888888888888,,PLG,ORDINARY,,2020-01-01,2099-12-31,,,,\r\n`;
    const done = await upload(csv).expect(201);
    const runs = await t
      .http()
      .get(`/memberships/imports/${done.body.id}`)
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(runs.body).toMatchObject({ processedRows: 1, totalRows: 1, status: 'committed' });
    const [row] = await t.db.query(
      `SELECT m.member_number FROM memberships m JOIN persons p ON p.id = m.person_id
        WHERE p.national_id = '3171888888888888'`,
    );
    expect(row.member_number).toBe('PLG-2020-000001');
  });

  it('allocates around a member number the same file gives, instead of colliding with it', async () => {
    const csv = [
      HEADER,
      'Tanpa Nomor Dua,3171777777777771,,PLG,ORDINARY,,2021-01-01,2099-12-31,,,,',
      'Bernomor,3171777777777772,,PLG,ORDINARY,PLG-2021-000001,2021-01-01,2099-12-31,,,,',
      '',
    ].join('\r\n');
    const done = await upload(csv).expect(201);
    expect(done.body).toMatchObject({ status: 'committed', errorCount: 0 });
    const rows = await t.db.query(
      `SELECT p.national_id, m.member_number FROM memberships m JOIN persons p ON p.id = m.person_id
        WHERE p.national_id IN ('3171777777777771', '3171777777777772') ORDER BY p.national_id`,
    );
    expect(rows).toEqual([
      { national_id: '3171777777777771', member_number: 'PLG-2021-000002' },
      { national_id: '3171777777777772', member_number: 'PLG-2021-000001' },
    ]);
  });

  it('stops an upload cut off by the client: the run fails, says why, and nothing is created', async () => {
    const before = await tableCounts();
    const body = Buffer.from(register(7_000, 50_000));
    const port = await new Promise<number>((resolve) => {
      const server = t.app.getHttpServer();
      if (server.listening) resolve((server.address() as AddressInfo).port);
      else server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/memberships/imports',
      headers: {
        authorization: registrar.bearer,
        'content-type': 'text/csv',
        'content-length': body.length,
      },
    });
    request.on('error', () => undefined);
    // Past the first batch of 5,000 rows, then the connection is dropped.
    request.write(body.subarray(0, Math.floor(body.length * 0.9)));
    const list = () =>
      t
        .http()
        .get('/memberships/imports')
        .set('authorization', registrar.bearer)
        .expect(200)
        .then((r) => r.body as { status: string; processedRows: number }[]);
    while ((await list())[0]?.status !== 'running') await new Promise((r) => setTimeout(r, 20));
    while ((await list())[0].processedRows < 5_000) await new Promise((r) => setTimeout(r, 20));
    request.destroy();
    const deadline = Date.now() + 10_000;
    while ((await list())[0].status === 'running' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await list())[0]).toMatchObject({
      status: 'failed',
      failureReason: 'The upload was cut off before the end of the file; nothing was written',
      processedRows: 0,
      created: { people: 0, memberships: 0, credentials: 0 },
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a file of one endless line at once, naming the line, with memory flat', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = t.app.getHttpServer();
      if (server.listening) resolve((server.address() as AddressInfo).port);
      else server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
    const rssBefore = process.memoryUsage().rss;
    const chunk = Buffer.alloc(1 << 16, 'a');
    const started = Date.now();
    // Up to 256 MiB with no line break, written as long as the server reads; it answers first.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/memberships/imports?dryRun=true',
        headers: { authorization: registrar.bearer, 'content-type': 'text/csv' },
      });
      let answered = false;
      request.on('response', (response) => {
        answered = true;
        let body = '';
        response.on('data', (part: Buffer) => (body += part.toString()));
        response.on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode!, body });
        });
      });
      request.on('error', (error) => (answered ? undefined : reject(error)));
      request.write(`${HEADER}\r\n`);
      let written = 0;
      const more = () => {
        while (!answered && written < 4096) {
          written++;
          if (!request.write(chunk)) return request.once('drain', more);
        }
        if (!answered) request.end();
      };
      more();
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(answer.status).toBeLessThan(500);
    expect(JSON.parse(answer.body).errors).toEqual([
      {
        row: 2,
        column: null,
        message: expect.stringMatching(
          /^The file cannot be read as CSV: .*maximum number of tolerated bytes of 10000/,
        ),
      },
    ]);
    // The line was never held whole: far less than its own size was added.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    // And the connection the rest of it came on is closed, not held paused.
    const server = t.app.getHttpServer();
    const open = () =>
      new Promise<number>((resolve) =>
        server.getConnections((_e: unknown, n: number) => resolve(n)),
      );
    for (const until = Date.now() + 5_000; (await open()) > 0 && Date.now() < until;) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await open()).toBe(0);
  });

  it('fails a run whose process died, on the next read: its session is gone', async () => {
    const [run] = await t.db.query(
      `INSERT INTO membership_imports (dry_run, status, processed_rows, backend_pid, backend_start)
       VALUES (false, 'running', 10000, 2147483647, now()) RETURNING id`,
    );
    const read = await t
      .http()
      .get(`/memberships/imports/${run.id}`)
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(read.body).toMatchObject({
      status: 'failed',
      failureReason: 'The process running it stopped before it finished; nothing was written',
      processedRows: 0,
      finishedAt: expect.any(String),
    });
  });

  it('is for registrars and admins, and takes CSV only', async () => {
    const finance = await loginAs(t, 'finance');
    expectProblem(await upload(register(1), '', finance), 403, 'forbidden');
    const json = await t
      .http()
      .post('/memberships/imports')
      .set('authorization', registrar.bearer)
      .send({ rows: [] });
    expectProblem(json, 415, 'unsupported-media-type');
  });
});

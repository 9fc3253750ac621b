import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import {
  credentialTypeIds,
  expectFieldErrors,
  expectProblem,
  makeCompetent,
} from 'test/support/factories';

describe('verification for organisations (API keys): single, bulk, and who verified me', () => {
  let t: TestApp;
  let registrar: SignedIn;
  let holder: SignedIn;
  let apiKey: string;
  let issued: { id: string; number: string };
  let unverifiedNumber: string;

  beforeAll(async () => {
    t = await createTestApp();
    registrar = await loginAs(t, 'registrar');
    holder = await loginAs(t, 'member', 'Lestari Wulandari');
    const admin = await loginAsAdmin(t);
    apiKey = (
      await t
        .http()
        .post('/api-keys')
        .set('authorization', admin.bearer)
        .send({ name: 'Credentialing office', organisation: 'RS Cipto Mangunkusumo' })
        .expect(201)
    ).body.key;
    const typeIds = await credentialTypeIds(t, registrar);
    const typeId = (code: string) => typeIds[code];
    await makeCompetent(t, registrar, holder.personId!);
    issued = (
      await t
        .http()
        .post('/credentials/issue')
        .set('authorization', registrar.bearer)
        .send({ personId: holder.personId, credentialTypeId: typeId('SERKOM') })
        .expect(201)
    ).body;
    unverifiedNumber = (
      await t
        .http()
        .post('/credentials/record')
        .set('authorization', holder.bearer)
        .send({
          credentialTypeId: typeId('STR'),
          number: 'STR-PENDING-77',
          validFrom: '2022-02-02',
        })
        .expect(201)
    ).body.number;
  });
  afterAll(() => t.close());

  const bulkJson = (numbers: unknown, accept = 'application/json') =>
    t
      .http()
      .post('/verifications/bulk')
      .set('x-api-key', apiKey)
      .set('accept', accept)
      .send({ numbers });

  it('needs an organisation API key: no credentials 401, a member token 403', async () => {
    expectProblem(
      await t
        .http()
        .post('/verifications/bulk')
        .send({ numbers: ['x'] }),
      401,
      'unauthenticated',
    );
    expectProblem(
      await t
        .http()
        .post('/verifications/bulk')
        .set('authorization', holder.bearer)
        .send({ numbers: ['x'] }),
      403,
      'forbidden',
    );
  });

  it('answers JSON in the order asked, duplicates removed, with public fields only', async () => {
    const response = await bulkJson([
      issued.number,
      'NOPE-1',
      unverifiedNumber,
      issued.number,
    ]).expect(200);
    expect(response.body).toMatchObject({ found: 1, notFound: 2 });
    expect(response.body.results).toEqual([
      expect.objectContaining({
        number: issued.number,
        found: true,
        status: 'active',
        holderName: 'Lestari Wulandari',
      }),
      { number: 'NOPE-1', found: false },
      { number: unverifiedNumber, found: false },
    ]);
    expect(Object.keys(response.body.results[0]).sort()).toEqual([
      'credentialType',
      'found',
      'holderName',
      'holderSanctions',
      'issuingAuthority',
      'number',
      'sanctions',
      'status',
      'statusText',
      'validFrom',
      'validUntil',
    ]);
  });

  it('refuses a number with a NUL character, naming it, and logs nothing', async () => {
    const logged = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM verification_log`))[0].n as number;
    const before = await logged();
    const response = await bulkJson([issued.number, 'NUL\u0000-1']);
    expectFieldErrors(response, [
      { field: 'numbers[1]', message: 'numbers[1] must not contain a NUL character' },
    ]);
    expect(await logged()).toBe(before);
  });

  it('takes CSV in and gives CSV out', async () => {
    const response = await t
      .http()
      .post('/verifications/bulk')
      .set('x-api-key', apiKey)
      .set('content-type', 'text/csv')
      .set('accept', 'text/csv')
      .send(`number\r\n${issued.number}\r\nNOPE-2\r\n`)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const lines = response.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'number,found,status,holderName,credentialType,profession,issuingAuthority,validFrom,validUntil,holderSanctions',
    );
    expect(lines[1]).toMatch(new RegExp(`^${issued.number},true,active,Lestari Wulandari,`));
    expect(lines[2]).toBe('NOPE-2,false,,,,,,,,');
  });

  it('refuses more than 1,000 numbers, or none, naming the field', async () => {
    const tooMany = await bulkJson(Array.from({ length: 1001 }, (_, i) => `N-${i}`));
    expectProblem(tooMany, 400, 'validation-failed');
    expect(tooMany.body.errors[0].field).toBe('numbers');
    expectProblem(await bulkJson([]), 400, 'validation-failed');
    const emptyCsv = await t
      .http()
      .post('/verifications/bulk')
      .set('x-api-key', apiKey)
      .set('content-type', 'text/csv')
      .send('number\n');
    expectProblem(emptyCsv, 400, 'validation-failed');
  });

  it('answers a CSV it cannot read with 400 saying why: a quote left open, or not UTF-8', async () => {
    const csv = (body: string | Buffer) =>
      t
        .http()
        .post('/verifications/bulk')
        .set('x-api-key', apiKey)
        .set('content-type', 'text/csv')
        .send(body);
    const openQuote = await csv(`number\r\n"${issued.number}\r\n`);
    expectProblem(openQuote, 400, 'validation-failed');
    expect(openQuote.body.errors[0]).toEqual({
      field: 'numbers',
      message: expect.stringMatching(/^the CSV cannot be read: Quote Not Closed/),
    });
    const windows1252 = await csv(Buffer.from('number\r\nSK-\xe9\r\n', 'latin1'));
    expectProblem(windows1252, 400, 'malformed-request');
    expect(windows1252.body.detail).toBe('The CSV is not UTF-8 text; save it as "CSV UTF-8"');
    // One line past the longest a record may be: refused, naming its line.
    const endless = await csv(`number\r\n${issued.number}\r\n${'A'.repeat(20_000)}\r\n`);
    expectProblem(endless, 400, 'validation-failed');
    expect(endless.body.errors[0].message).toMatch(
      /^the CSV cannot be read: .*maximum number of tolerated bytes of 10000 at line 3/,
    );
  });

  it('answers 1,000 numbers in one request', async () => {
    const numbers = [issued.number, ...Array.from({ length: 999 }, (_, i) => `UNKNOWN-${i}`)];
    const response = await bulkJson(numbers).expect(200);
    expect(response.body).toMatchObject({ found: 1, notFound: 999 });
    expect(response.body.results).toHaveLength(1000);
  });

  it('logs each check; the holder (and staff) read who verified them, nobody else', async () => {
    await t.http().get(`/verifications/${issued.number}`).set('x-api-key', apiKey).expect(200);
    expectProblem(
      await t.http().get('/verifications/NOPE-3').set('x-api-key', apiKey),
      404,
      'not-found',
    );

    const mine = await t
      .http()
      .get(`/credentials/${issued.id}/verifications`)
      .set('authorization', holder.bearer)
      .expect(200);
    expect(mine.body.total).toBeGreaterThanOrEqual(4);
    expect(mine.body.items[0]).toEqual({
      organisation: 'RS Cipto Mangunkusumo',
      channel: 'single',
      checkedAt: expect.any(String),
    });
    expect(new Set(mine.body.items.map((e: { channel: string }) => e.channel))).toEqual(
      new Set(['single', 'bulk']),
    );

    await t
      .http()
      .get(`/credentials/${issued.id}/verifications`)
      .set('authorization', registrar.bearer)
      .expect(200);
    const stranger = await loginAs(t, 'member');
    expectProblem(
      await t
        .http()
        .get(`/credentials/${issued.id}/verifications`)
        .set('authorization', stranger.bearer),
      404,
      'not-found',
    );

    const [{ logged }] = await t.db.query(
      `SELECT count(*)::int AS logged FROM verification_log WHERE credential_id = $1`,
      [issued.id],
    );
    expect(logged).toBe(mine.body.total);
  });
});

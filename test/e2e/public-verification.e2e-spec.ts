import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import {
  credentialTypeIds,
  expectFieldErrors,
  expectProblem,
  newPerson,
  makeCompetent,
} from 'test/support/factories';

const PUBLIC_FIELDS = [
  'credentialType',
  'holderName',
  'holderSanctions',
  'issuingAuthority',
  'number',
  'sanctions',
  'status',
  'statusText',
  'validFrom',
  'validUntil',
];

describe('public verification', () => {
  let t: TestApp;
  let registrar: SignedIn;
  let typeIds: Record<string, string>;
  let chapterId: string;

  beforeAll(async () => {
    t = await createTestApp();
    registrar = await loginAs(t, 'registrar');
    typeIds = await credentialTypeIds(t, registrar);
    const admin = await loginAsAdmin(t);
    const chapter = await t
      .http()
      .post('/chapters')
      .set('authorization', admin.bearer)
      .send({ code: 'BDG', name: 'IDI Cabang Bandung' })
      .expect(201);
    chapterId = chapter.body.id;
  });
  afterAll(() => t.close());

  async function issuedTo(fullName: string, values: Record<string, unknown> = {}) {
    const person = await newPerson(t, registrar, {
      fullName,
      nationalId: `NIK${Math.random().toString().slice(2, 14)}`,
      birthDate: '1985-07-17',
      email: 'private@example.org',
      phone: '+62 811 000 111',
      ...values,
    });
    await makeCompetent(t, registrar, person.id);
    const credential = await t
      .http()
      .post('/credentials/issue')
      .set('authorization', registrar.bearer)
      .send({ personId: person.id, credentialTypeId: typeIds.SERKOM, validFrom: '2026-01-05' })
      .expect(201);
    return { person, credential: credential.body as { id: string; number: string } };
  }

  describe('GET /public/credentials/{number}', () => {
    it('answers without login, with exactly the public fields and no personal data', async () => {
      const { credential } = await issuedTo('Siti Nurhaliza Putri');
      const response = await t.http().get(`/public/credentials/${credential.number}`).expect(200);
      expect(Object.keys(response.body).sort()).toEqual(PUBLIC_FIELDS);
      expect(response.body).toEqual({
        number: credential.number,
        status: 'active',
        statusText: 'Valid',
        holderName: 'Siti Nurhaliza Putri',
        credentialType: { code: 'SERKOM', name: expect.any(String), profession: 'Dokter' },
        issuingAuthority: 'Kolegium Dokter Indonesia',
        validFrom: '2026-01-05',
        validUntil: '2031-01-04',
        sanctions: [],
        holderSanctions: [],
      });
      expect(JSON.stringify(response.body)).not.toMatch(
        /NIK|1985-07-17|private@example|\+62|[0-9a-f]{8}-[0-9a-f]{4}-/,
      );
    });

    it('answers an unknown number and an unverified licence the same way: 404, no hints', async () => {
      const unknown = await t.http().get('/public/credentials/SK-1999-999999');
      expectProblem(unknown, 404, 'not-found');
      const person = await newPerson(t, registrar);
      const recorded = await t
        .http()
        .post('/credentials/record')
        .set('authorization', registrar.bearer)
        .send({
          personId: person.id,
          credentialTypeId: typeIds.STR,
          number: 'STR-UNVERIFIED-1',
          validFrom: '2020-01-01',
        })
        .expect(201);
      const unverified = await t.http().get(`/public/credentials/${recorded.body.number}`);
      expectProblem(unverified, 404, 'not-found');
      expect(unverified.body.detail).toBe(unknown.body.detail);
    });

    it('shows suspensions and revocations with their dates', async () => {
      const { credential } = await issuedTo('Bambang Suryadi');
      const act = (action: string, body: object) =>
        t
          .http()
          .post(`/credentials/${credential.id}/${action}`)
          .set('authorization', registrar.bearer)
          .send(body)
          .expect(200);
      const day = new Date().toISOString().slice(0, 10);

      await act('suspend', { reason: 'MKEK decision', until: '2027-06-30' });
      const suspended = await t.http().get(`/public/credentials/${credential.number}`).expect(200);
      expect(suspended.body).toMatchObject({
        status: 'suspended',
        statusText: expect.stringMatching(/^Suspended/),
        sanctions: [{ kind: 'suspension', from: day, until: '2027-06-30' }],
      });
      expect(JSON.stringify(suspended.body)).not.toContain('MKEK');

      // Lifted early: what was announced stays beside what happened.
      await act('reinstate', { reason: 'appeal upheld' });
      await act('revoke', { reason: 'struck off' });
      const revoked = await t.http().get(`/public/credentials/${credential.number}`).expect(200);
      expect(revoked.body).toMatchObject({
        status: 'revoked',
        sanctions: [
          { kind: 'suspension', from: day, until: day, announcedUntil: '2027-06-30' },
          { kind: 'revocation', from: day, until: null },
        ],
      });
    });

    it('ends a suspension after its last day, with no job: answer, page and sanctions follow the calendar', async () => {
      const { credential } = await issuedTo('Gita Permatasari');
      const today = todayIn(t);
      const lastDay = addDays(today, 30);
      await t
        .http()
        .post(`/credentials/${credential.id}/suspend`)
        .set('authorization', registrar.bearer)
        .send({ reason: 'MKEK decision', until: lastDay })
        .expect(200);
      const onLastDay = moveCalendar(t, lastDay);
      try {
        const held = await t.http().get(`/public/credentials/${credential.number}`).expect(200);
        expect(held.body).toMatchObject({ status: 'suspended' });
      } finally {
        onLastDay.restore();
      }
      const dayAfter = moveCalendar(t, 31);
      try {
        const ended = await t.http().get(`/public/credentials/${credential.number}`).expect(200);
        expect(ended.body).toMatchObject({
          status: 'active',
          statusText: 'Valid',
          sanctions: [{ kind: 'suspension', from: today, until: lastDay }],
        });
        expect(ended.body.sanctions[0]).not.toHaveProperty('announcedUntil');
        const page = await t.http().get(`/verify/${credential.number}`).expect(200);
        expect(page.text).toContain('Valid. This credential is in force.');
        expect(page.text).not.toContain('Suspended.');
        const staffView = await t
          .http()
          .get(`/credentials/${credential.id}`)
          .set('authorization', registrar.bearer)
          .expect(200);
        expect(staffView.body).toMatchObject({ status: 'active', suspendedUntil: lastDay });
        expect(staffView.body.events.at(-1)).toMatchObject({
          event: 'suspended',
          suspendedUntil: lastDay,
        });
        const listed = (status: string) =>
          t
            .http()
            .get('/credentials')
            .query({ status, personId: staffView.body.personId })
            .set('authorization', registrar.bearer)
            .expect(200)
            // The certificate's own (the holder's UKOM, asked for on issue, stays active throughout).
            .then((r) =>
              r.body.items
                .filter((c: { type: { code: string } }) => c.type.code === 'SERKOM')
                .map((c: { number: string }) => c.number),
            );
        expect(await listed('suspended')).toEqual([]);
        expect(await listed('active')).toEqual([credential.number]);
        // Its suspension over, it can be suspended again; reinstating it is refused as it is not suspended.
        const reinstate = await t
          .http()
          .post(`/credentials/${credential.id}/reinstate`)
          .set('authorization', registrar.bearer)
          .send({ reason: 'already over' });
        expectProblem(reinstate, 409, 'credential-status-refused');
        expect(reinstate.body.currentStatus).toBe('active');
        await t
          .http()
          .post(`/credentials/${credential.id}/suspend`)
          .set('authorization', registrar.bearer)
          .send({ reason: 'second decision' })
          .expect(200);
        const again = await t.http().get(`/public/credentials/${credential.number}`).expect(200);
        // The second dated on the association's calendar, the day it was decided.
        expect(again.body.sanctions).toEqual([
          { kind: 'suspension', from: today, until: lastDay },
          { kind: 'suspension', from: dayAfter.today, until: null },
        ]);
      } finally {
        dayAfter.restore();
      }
    });

    it('refuses a suspension that would end before today', async () => {
      const { credential } = await issuedTo('Hasan Basri');
      const past = await t
        .http()
        .post(`/credentials/${credential.id}/suspend`)
        .set('authorization', registrar.bearer)
        .send({ reason: 'late entry', until: addDays(todayIn(t), -1) });
      expectFieldErrors(past, [{ field: 'until', message: 'until must not be before today' }]);
    });

    it('reads expiry from the dates', async () => {
      const person = await newPerson(t, registrar, { fullName: 'Hendra Gunawan' });
      const recorded = await t
        .http()
        .post('/credentials/record')
        .set('authorization', registrar.bearer)
        .send({
          personId: person.id,
          credentialTypeId: typeIds.SIP,
          place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
          number: 'SIP/OLD/2017',
          validFrom: '2017-01-01',
        })
        .expect(201);
      await t
        .http()
        .post(`/credentials/${recorded.body.id}/review`)
        .set('authorization', registrar.bearer)
        .send({
          decision: 'verified',
          method: 'issuer_confirmation',
          sourceReference: 'Dinkes letter 44/2026',
        })
        .expect(200);
      const response = await t
        .http()
        .get(`/public/credentials/${encodeURIComponent('SIP/OLD/2017')}`)
        .expect(200);
      expect(response.body).toMatchObject({
        status: 'expired',
        validUntil: '2021-12-31',
        statusText: expect.stringMatching(/^Expired/),
      });
    });

    it('is cacheable but always revalidated: no-cache with an ETag, and 304 for a matching If-None-Match', async () => {
      const { credential } = await issuedTo('Dewi Sartika');
      const first = await t.http().get(`/public/credentials/${credential.number}`).expect(200);
      expect(first.headers['cache-control']).toBe('public, no-cache');
      expect(first.headers.etag).toMatch(/^W\/".+"$/);
      const again = await t
        .http()
        .get(`/public/credentials/${credential.number}`)
        .set('if-none-match', first.headers.etag)
        .expect(304);
      expect(again.text ?? '').toBe('');
      // A change of status changes the ETag.
      await t
        .http()
        .post(`/credentials/${credential.id}/suspend`)
        .set('authorization', registrar.bearer)
        .send({ reason: 'x' })
        .expect(200);
      const changed = await t
        .http()
        .get(`/public/credentials/${credential.number}`)
        .set('if-none-match', first.headers.etag)
        .expect(200);
      expect(changed.headers.etag).not.toBe(first.headers.etag);
    });

    it('answers many callers at once, each with the credential of the number it asked for', async () => {
      const holders = ['Ayu Kartika', 'Bima Prakoso', 'Citra Kirana', 'Dimas Anggara'];
      const issued = await Promise.all(holders.map((name) => issuedTo(name)));
      const asked = Array.from({ length: 60 }, (_, i) =>
        i % 5 === 4 ? `SK-0000-${i}` : issued[i % holders.length].credential.number,
      );
      const answers = await Promise.all(
        asked.map((number) => t.http().get(`/public/credentials/${number}`)),
      );
      answers.forEach((answer, i) => {
        const known = issued.find((each) => each.credential.number === asked[i]);
        if (!known) return expectProblem(answer, 404, 'not-found');
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
          number: asked[i],
          holderName: holders[issued.indexOf(known)],
        });
      });
    });

    it('refuses a number with a NUL character by field, and answers the callers beside it', async () => {
      const { credential } = await issuedTo('Eka Wulandari');
      const [odd, ...others] = await Promise.all([
        t.http().get('/public/credentials/SK%00-2026'),
        ...Array.from({ length: 5 }, () =>
          t.http().get(`/public/credentials/${credential.number}`),
        ),
      ]);
      expectFieldErrors(odd, [
        { field: 'number', message: 'number must not contain a NUL character' },
      ]);
      for (const other of others) expect(other.body.holderName).toBe('Eka Wulandari');
    });
  });

  describe('GET /public/credentials?name=', () => {
    // Each holder's certificate of competence: the UKOM it asks for is public too.
    const certificates = (body: {
      items: { holderName: string; credentialType: { code: string } }[];
    }) => body.items.filter((item) => item.credentialType.code === 'SERKOM');
    it('finds by name ignoring case and accents, with profession and chapter filters, public fields only', async () => {
      // A member's chapter is their membership's, or their open application's.
      const { person } = await issuedTo('Ñoman Sutrisnô');
      const categories = await t
        .http()
        .get('/membership-categories')
        .set('authorization', registrar.bearer)
        .expect(200);
      const ordinary = categories.body.find((c: { code: string }) => c.code === 'ORDINARY');
      await t
        .http()
        .post('/membership-applications')
        .set('authorization', registrar.bearer)
        .send({ personId: person.id, categoryId: ordinary.id, chapterId })
        .expect(201);
      await issuedTo('Noman Sutrisno Jr');
      const byName = await t
        .http()
        .get('/public/credentials')
        .query({ name: 'noman sutrisno' })
        .expect(200);
      expect(certificates(byName.body).map((c) => c.holderName)).toEqual([
        'Noman Sutrisno Jr',
        'Ñoman Sutrisnô',
      ]);
      expect(Object.keys(byName.body.items[0]).sort()).toEqual(PUBLIC_FIELDS);
      const inChapter = await t
        .http()
        .get('/public/credentials')
        .query({ name: 'sutrisno', chapter: 'BDG' })
        .expect(200);
      expect(certificates(inChapter.body).map((c) => c.holderName)).toEqual(['Ñoman Sutrisnô']);
      const wrongProfession = await t
        .http()
        .get('/public/credentials')
        .query({ name: 'sutrisno', profession: 'Advokat' })
        .expect(200);
      expect(wrongProfession.body.items).toEqual([]);
      const rightProfession = await t
        .http()
        .get('/public/credentials')
        .query({ name: 'sutrisno', profession: 'dokter' })
        .expect(200);
      expect(certificates(rightProfession.body)).toHaveLength(2);
    });

    it('returns at most 20 results', async () => {
      for (let i = 0; i < 22; i++) await issuedTo(`Limit Check ${String(i).padStart(2, '0')}`);
      const response = await t
        .http()
        .get('/public/credentials')
        .query({ name: 'limit check' })
        .expect(200);
      expect(response.body.items).toHaveLength(20);
      expect(response.body.limit).toBe(20);
    });

    it('needs at least three characters of a name, and rejects unknown parameters', async () => {
      const short = await t.http().get('/public/credentials').query({ name: 'ab' });
      expectProblem(short, 400, 'validation-failed');
      expect(short.body.errors[0].field).toBe('name');
      const extra = await t
        .http()
        .get('/public/credentials')
        .query({ name: 'abc', nationalId: '1' });
      expectProblem(extra, 400, 'validation-failed');
      const nul = await t.http().get('/public/credentials?name=Sit%00i');
      expectFieldErrors(nul, [{ field: 'name', message: 'name must not contain a NUL character' }]);
    });
  });
});

describe('numbers written with slashes and dates', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let typeId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    const type = await t
      .http()
      .post('/credential-types')
      .set('authorization', admin.bearer)
      .send({
        code: 'SKP',
        name: 'Surat Keterangan Praktik',
        issuerKind: 'association',
        issuingAuthority: 'IDI Wilayah Jawa Barat',
        validityMonths: 12,
        numberFormat: '{SEQ:3}/SKP/{MM}/{YY}',
      })
      .expect(201);
    typeId = type.body.id;
  });
  afterAll(() => t.close());

  const issue = async (validFrom: string) => {
    const person = await newPerson(t, registrar, { fullName: `Dokter ${validFrom}` });
    const issued = await t
      .http()
      .post('/credentials/issue')
      .set('authorization', registrar.bearer)
      .send({ personId: person.id, credentialTypeId: typeId, validFrom })
      .expect(201);
    return issued.body.number as string;
  };

  it('numbers by the month and year of the validity start, restarting each month', async () => {
    expect(await issue('2026-03-05')).toBe('001/SKP/03/26');
    expect(await issue('2026-03-30')).toBe('002/SKP/03/26');
    expect(await issue('2026-04-01')).toBe('001/SKP/04/26');
  });

  it('answers a number with slashes as printed, on the API, the page and for organisations', async () => {
    const number = await issue('2026-05-02');
    expect(number).toBe('001/SKP/05/26');
    for (const path of [
      `/public/credentials/${number}`,
      `/public/credentials/${encodeURIComponent(number)}`,
    ]) {
      const answer = await t.http().get(path).expect(200);
      expect(answer.body).toMatchObject({
        number,
        holderName: 'Dokter 2026-05-02',
        status: 'active',
      });
    }
    const page = await t.http().get(`/verify/${number}?lang=en`).expect(200);
    expect(page.text).toContain('001/SKP/05/26');
    const key = await t
      .http()
      .post('/api-keys')
      .set('authorization', admin.bearer)
      .send({ name: 'Hiring checks', organisation: 'RS Hasan Sadikin' })
      .expect(201);
    const checked = await t
      .http()
      .get(`/verifications/${number}`)
      .set('x-api-key', key.body.key)
      .expect(200);
    expect(checked.body.number).toBe(number);
    expectProblem(await t.http().get('/public/credentials/001/SKP/05/27'), 404, 'not-found');
  });
});

describe('types kept from verifiers', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
  });
  afterAll(() => t.close());

  it('answers a credential of such a type as unknown everywhere a verifier looks, until the type is shown', async () => {
    const type = await t
      .http()
      .post('/credential-types')
      .set('authorization', admin.bearer)
      .send({
        code: 'MAGANG',
        name: 'Surat Keterangan Magang',
        issuerKind: 'association',
        issuingAuthority: 'DPN PERADI',
        numberFormat: 'MAGANG-{YYYY}-{SEQ:4}',
        publiclyVerifiable: false,
      })
      .expect(201);
    expect(type.body.publiclyVerifiable).toBe(false);
    const person = await newPerson(t, registrar, { fullName: 'Rahmat Hidayat Magang' });
    const issued = await t
      .http()
      .post('/credentials/issue')
      .set('authorization', registrar.bearer)
      .send({ personId: person.id, credentialTypeId: type.body.id, validFrom: '2026-02-01' })
      .expect(201);
    const { id, number } = issued.body as { id: string; number: string };

    const hidden = await t.http().get(`/public/credentials/${number}`);
    const unknown = await t.http().get('/public/credentials/MAGANG-2026-9999');
    expectProblem(hidden, 404, 'not-found');
    expect(hidden.body.detail).toBe(unknown.body.detail.replace('MAGANG-2026-9999', number));
    const found = await t
      .http()
      .get('/public/credentials')
      .query({ name: 'Rahmat Hidayat Magang' });
    expect(found.body.items).toEqual([]);
    expect((await t.http().get(`/verify/${number}`)).status).toBe(404);
    const key = await t
      .http()
      .post('/api-keys')
      .set('authorization', admin.bearer)
      .send({ name: 'Checks', organisation: 'Kantor Hukum' })
      .expect(201);
    expectProblem(
      await t.http().get(`/verifications/${number}`).set('x-api-key', key.body.key),
      404,
      'not-found',
    );
    const certificate = await t
      .http()
      .get(`/credentials/${id}/certificate.pdf`)
      .set('authorization', registrar.bearer);
    expectProblem(certificate, 409, 'no-certificate');
    expect(certificate.body.detail).toContain('not shown to verifiers');
    const vc = await t.http().get(`/credentials/${id}/vc`).set('authorization', registrar.bearer);
    expectProblem(vc, 404, 'not-found');
    expect(vc.body.detail).toContain('not shown to verifiers');
    await t.http().get(`/credentials/${id}`).set('authorization', registrar.bearer).expect(200);

    const shown = await t
      .http()
      .patch(`/credential-types/${type.body.id}`)
      .set('authorization', admin.bearer)
      .send({ publiclyVerifiable: true })
      .expect(200);
    expect(shown.body.publiclyVerifiable).toBe(true);
    const answer = await t.http().get(`/public/credentials/${number}`).expect(200);
    expect(answer.body).toMatchObject({ number, holderName: 'Rahmat Hidayat Magang' });
    const listed = await t
      .http()
      .get('/public/credentials')
      .query({ name: 'Rahmat Hidayat Magang' });
    expect(listed.body.items.map((item: { number: string }) => item.number)).toEqual([number]);
    const [audit] = await t.db.query(
      `SELECT before, after FROM audit_events
        WHERE entity_type = 'credential_type' AND entity_id = $1 AND action = 'credential_type.updated'`,
      [type.body.id],
    );
    expect(audit).toEqual({
      before: { publiclyVerifiable: false },
      after: { publiclyVerifiable: true },
    });
  });
});

describe('public verification rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ settings: { rateLimitPerMinute: 5 } });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json with Retry-After once one address asks too often', async () => {
    for (let i = 0; i < 5; i++) await t.http().get('/public/credentials/NOPE-1').expect(404);
    const limited = await t.http().get('/public/credentials/NOPE-1');
    expectProblem(limited, 429, 'rate-limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

import pg from 'pg';
import { addDays } from 'src/common/dates';
import { CredentialChangesService } from 'src/credentials/credential-changes.service';
import { createTestApp, type TestApp } from 'test/support/app';
import { moveCalendar } from 'test/support/calendar';
import { until } from 'test/support/concurrency';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import {
  expectFieldErrors,
  expectProblem,
  issueCredential,
  newPerson,
} from 'test/support/factories';

/**
 * Hospitals and employers watch the licences they rely on: they enrol numbers, one at a time or
 * a roster, see each one's status today, and read what changed of them in order; the holders see
 * who watches them and why.
 */
describe('watch lists', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  const keys: Record<string, string> = {};
  const asKey = (key: string) => ({
    get: (path: string) => t.http().get(path).set('x-api-key', keys[key]),
    post: (path: string, body: object | string, type = 'application/json') =>
      t.http().post(path).set('x-api-key', keys[key]).set('content-type', type).send(body),
    delete: (path: string) => t.http().delete(path).set('x-api-key', keys[key]),
  });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    for (const organisation of ['RS Hasan Sadikin', 'Klinik Sehat']) {
      keys[organisation] = (
        await t
          .http()
          .post('/api-keys')
          .set('authorization', admin.bearer)
          .send({ name: 'Credentialing office', organisation })
          .expect(201)
      ).body.key as string;
    }
  });
  afterAll(() => t.close());

  const statusChange = (id: string, to: 'suspend' | 'reinstate' | 'revoke') =>
    t
      .http()
      .post(`/credentials/${id}/${to}`)
      .set('authorization', registrar.bearer)
      .send({ reason: `${to} by the registrar` })
      .expect(200);

  it('enrols numbers, shows each status today, and tells the changes in order after a cursor', async () => {
    const hospital = asKey('RS Hasan Sadikin');
    const refused = await hospital.post('/watch-lists', { name: 'Medical staff', purpose: ' ' });
    expectFieldErrors(refused, [
      { field: 'purpose', message: expect.stringContaining('purpose') as unknown },
    ]);
    const list = await hospital
      .post('/watch-lists', {
        name: 'Medical staff',
        purpose: 'Credentialing of the doctors we employ',
      })
      .expect(201);
    const doctors = await Promise.all(
      ['dr. Awas Satu', 'dr. Awas Dua'].map((fullName) => newPerson(t, registrar, { fullName })),
    );
    const [first, second] = [
      await issueCredential(t, registrar, doctors[0].id),
      await issueCredential(t, registrar, doctors[1].id),
    ];
    const entries = `/watch-lists/${list.body.id}/entries`;
    const watched = await hospital.post(entries, { number: first.number }).expect(201);
    expect(watched.body).toMatchObject({
      number: first.number,
      credential: { number: first.number, status: 'active' },
    });
    // Sent again, nothing changes.
    await hospital.post(entries, { number: first.number }).expect(201);
    expectProblem(await hospital.post(entries, { number: 'NO-SUCH-NUMBER' }), 404, 'not-found');

    // A roster: one watched already, one new, one unknown, named by its line.
    const roster = await hospital
      .post(
        `/watch-lists/${list.body.id}/roster`,
        `number\n${first.number}\n${second.number}\nNOT-A-LICENCE\n`,
        'text/csv',
      )
      .expect(200);
    expect(roster.body).toEqual({
      enrolled: 1,
      alreadyWatched: 1,
      unknown: [{ row: 'line 4', number: 'NOT-A-LICENCE' }],
    });
    const again = await hospital
      .post(`/watch-lists/${list.body.id}/roster`, { numbers: [first.number, second.number] })
      .expect(200);
    expect(again.body).toEqual({ enrolled: 0, alreadyWatched: 2, unknown: [] });
    expect((await hospital.get('/watch-lists').expect(200)).body).toEqual([
      expect.objectContaining({ id: list.body.id, organisation: 'RS Hasan Sadikin', watching: 2 }),
    ]);

    // Another organisation's list is as missing as none.
    const clinic = asKey('Klinik Sehat');
    expectProblem(await clinic.get(entries), 404, 'not-found');
    expectProblem(await clinic.post(entries, { number: first.number }), 404, 'not-found');

    // Changes, in order, each once; a cursor asks for what came after it.
    const start = (await hospital.get(`/watch-lists/${list.body.id}/events`).expect(200)).body;
    expect(start.events).toEqual([]);
    await statusChange(first.id, 'suspend');
    await statusChange(second.id, 'revoke');
    await statusChange(first.id, 'reinstate');
    // The feed gives a change once every transaction begun before it has ended, anywhere in
    // the database (other suites write beside this one): it is asked again until then.
    let changed: { events: { cursor: string; number: string; event: string }[]; next: string } = {
      events: [],
      next: '',
    };
    await until(async () => {
      changed = (
        await hospital.get(`/watch-lists/${list.body.id}/events?after=${start.next}`).expect(200)
      ).body;
      return changed.events.length >= 3;
    });
    expect(
      changed.events.map((e: { number: string; event: string }) => [e.number, e.event]),
    ).toEqual([
      [first.number, 'suspended'],
      [second.number, 'revoked'],
      [first.number, 'reinstated'],
    ]);
    const later = (
      await hospital
        .get(`/watch-lists/${list.body.id}/events?after=${changed.events[0].cursor}`)
        .expect(200)
    ).body;
    expect(later.events).toHaveLength(2);
    const none = (
      await hospital.get(`/watch-lists/${list.body.id}/events?after=${changed.next}`).expect(200)
    ).body;
    expect(none).toEqual({ events: [], next: changed.next });
    expectFieldErrors(await hospital.get(`/watch-lists/${list.body.id}/events?after=x`), [
      { field: 'after', message: 'after must be a cursor given by a page before' },
    ]);

    // Each entry with what a verifier is told today.
    const page = (await hospital.get(entries).expect(200)).body;
    expect(
      page.items.map((item: { number: string; credential: { status: string } }) => [
        item.number,
        item.credential.status,
      ]),
    ).toEqual(
      [
        [first.number, 'active'],
        [second.number, 'revoked'],
      ].sort(([a], [b]) => a.localeCompare(b)),
    );

    // The holder sees who watches them and why; then it is removed.
    const watchers = await t
      .http()
      .get(`/credentials/${first.id}/watchers`)
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(watchers.body).toEqual([
      {
        organisation: 'RS Hasan Sadikin',
        purpose: 'Credentialing of the doctors we employ',
        since: expect.any(String),
      },
    ]);
    await hospital.delete(`${entries}/${encodeURIComponent(first.number)}`).expect(204);
    expectProblem(
      await hospital.delete(`${entries}/${encodeURIComponent(first.number)}`),
      404,
      'not-found',
    );
    expect(
      (
        await t
          .http()
          .get(`/credentials/${first.id}/watchers`)
          .set('authorization', registrar.bearer)
          .expect(200)
      ).body,
    ).toEqual([]);
  });

  it('never passes over a change that commits late: the feed waits for the transaction begun before', async () => {
    const hospital = asKey('RS Hasan Sadikin');
    const list = await hospital
      .post('/watch-lists', { name: 'Order', purpose: 'Checking the order' })
      .expect(201);
    const [early, late] = await Promise.all(
      ['dr. Urut Satu', 'dr. Urut Dua'].map(async (fullName) =>
        issueCredential(t, registrar, (await newPerson(t, registrar, { fullName })).id),
      ),
    );
    await hospital
      .post(`/watch-lists/${list.body.id}/roster`, { numbers: [early.number, late.number] })
      .expect(200);
    const events = (after = '0:0') =>
      hospital.get(`/watch-lists/${list.body.id}/events?after=${after}`).expect(200);
    // A change begun first and committed last, as a slow transaction would.
    const slow = new pg.Client({ connectionString: t.settings.databaseUrl });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO credential_events (credential_id, event, reason) VALUES ($1, 'suspended', 'slow')`,
        [early.id],
      );
      await statusChange(late.id, 'revoke');
      // The later change is held back while the earlier transaction may still commit before it.
      expect((await events()).body.events).toEqual([]);
      await slow.query('COMMIT');
    } finally {
      await slow.end();
    }
    await until(async () => (await events()).body.events.length >= 2);
    const both = (await events()).body.events.map((e: { number: string; event: string }) => [
      e.number,
      e.event,
    ]);
    expect(both).toEqual([
      [early.number, 'suspended'],
      [late.number, 'revoked'],
    ]);
  });

  it('tells the day after its last valid day that a credential expired, once, however often the pass runs', async () => {
    const hospital = asKey('RS Hasan Sadikin');
    const list = await hospital
      .post('/watch-lists', { name: 'Expiry', purpose: 'Checking expiries' })
      .expect(201);
    const certificate = await issueCredential(t, registrar, (await newPerson(t, registrar)).id);
    await hospital
      .post(`/watch-lists/${list.body.id}/entries`, { number: certificate.number })
      .expect(201);
    const pass = () => t.app.get(CredentialChangesService).keepChangesOfTheDay();
    const events = async () =>
      (await hospital.get(`/watch-lists/${list.body.id}/events`).expect(200)).body.events.map(
        (e: { number: string; event: string }) => [e.number, e.event],
      );
    const lastDay = moveCalendar(t, certificate.validUntil);
    try {
      await pass();
      expect(await events()).toEqual([]);
    } finally {
      lastDay.restore();
    }
    const dayAfter = moveCalendar(t, addDays(certificate.validUntil, 1));
    try {
      expect((await pass()).expired).toBeGreaterThanOrEqual(1);
      await pass();
      await until(async () => (await events()).length > 0);
      expect(await events()).toEqual([[certificate.number, 'expired']]);
    } finally {
      dayAfter.restore();
    }
  });

  it('refuses a roster past 100,000 numbers whole, enrolling none', async () => {
    const hospital = asKey('RS Hasan Sadikin');
    const list = await hospital
      .post('/watch-lists', { name: 'Too many', purpose: 'Checking the limit' })
      .expect(201);
    const doctor = await newPerson(t, registrar);
    const certificate = await issueCredential(t, registrar, doctor.id);
    const lines = [certificate.number, ...Array.from({ length: 100_000 }, (_, i) => `X-${i}`)];
    const refused = await hospital.post(
      `/watch-lists/${list.body.id}/roster`,
      `${lines.join('\n')}\n`,
      'text/csv',
    );
    expectFieldErrors(refused, [
      {
        field: 'numbers',
        message: 'a roster holds at most 100000 numbers; send the rest in another',
      },
    ]);
    expect(
      (await hospital.get(`/watch-lists/${list.body.id}/entries`).expect(200)).body.items,
    ).toEqual([]);
  });
});

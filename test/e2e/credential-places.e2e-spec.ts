import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { sendTogetherBehind } from 'test/support/concurrency';
import { addDays } from 'src/common/dates';
import { todayIn } from 'test/support/calendar';
import {
  auditRowsFor,
  expectFieldErrors,
  expectProblem,
  newPerson,
  recordVerifiedCredential,
} from 'test/support/factories';

/**
 * A practice permit is issued per place of practice: each names its place, a person holds one in
 * force per place, and as many places as the type allows.
 */
describe('credentials issued per place of practice', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let permit: string;
  let plain: string;
  const post = poster(
    () => t,
    () => registrar,
  );
  const record = (personId: string, fields: Record<string, unknown>) =>
    post('/credentials/record', {
      personId,
      credentialTypeId: permit,
      issuingAuthority: 'Dinas Kesehatan Kota Bandung',
      validFrom: '2026-01-05',
      ...fields,
    });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    const type = (code: string, perPlace: boolean) =>
      post(
        '/credential-types',
        {
          code,
          name: `Surat Izin Praktik ${code}`,
          issuerKind: 'external',
          issuingAuthority: 'Dinas Kesehatan',
          validityMonths: 60,
          maxActivePerPerson: 3,
          perPlace,
        },
        admin,
      ).expect(201);
    permit = (await type('SIP_TEMPAT', true)).body.id;
    plain = (await type('SIP_TANPA_TEMPAT', false)).body.id;
  });
  afterAll(() => t.close());

  it('needs the place, one permit in force per place, three places at most', async () => {
    const doctor = await newPerson(t, registrar);
    expectFieldErrors(await record(doctor.id, { number: 'SIP/0/2026' }), [
      { field: 'place', message: 'place is needed: SIP_TEMPAT is issued per place of practice' },
    ]);
    expectFieldErrors(
      await record(doctor.id, {
        credentialTypeId: plain,
        number: 'SIP/00/2026',
        place: 'RS Hasan Sadikin',
      }),
      [
        {
          field: 'place',
          message: 'place is for a type issued per place of practice; SIP_TANPA_TEMPAT is not',
        },
      ],
    );
    const first = await record(doctor.id, {
      number: 'SIP/1/2026',
      place: 'RS Hasan Sadikin, Bandung',
    }).expect(201);
    expect(first.body).toMatchObject({ place: 'RS Hasan Sadikin, Bandung', status: 'active' });
    // The same place, however it is spaced or cased, is held already.
    const again = await record(doctor.id, {
      number: 'SIP/2/2026',
      place: '  rs hasan   sadikin, BANDUNG ',
    });
    expectProblem(again, 409, 'place-held');
    expect(again.body.errors).toEqual([
      { field: 'place', message: 'SIP_TEMPAT SIP/1/2026 is for this place' },
    ]);
    await record(doctor.id, { number: 'SIP/3/2026', place: 'Klinik Pratama Sehat' }).expect(201);
    await record(doctor.id, { number: 'SIP/4/2026', place: 'Praktik mandiri, Jl. Dago 12' }).expect(
      201,
    );
    expectProblem(
      await record(doctor.id, { number: 'SIP/5/2026', place: 'RS Borromeus' }),
      409,
      'credential-limit-reached',
    );
    // Another person may practise at the same place.
    const colleague = await newPerson(t, registrar);
    await record(colleague.id, {
      number: 'SIP/6/2026',
      place: 'RS Hasan Sadikin, Bandung',
    }).expect(201);
  });

  it('records one of two permits for one place sent together', async () => {
    const doctor = await newPerson(t, registrar);
    // Both pass the check and wait to write while the table is held: only the lock taken
    // before the check lets the second see the first.
    const sent = await sendTogetherBehind(
      t,
      (holder) => holder.query('LOCK TABLE credentials IN SHARE ROW EXCLUSIVE MODE'),
      [1, 2].map(
        (n) => () => record(doctor.id, { number: `SIP/SAMA-${n}/2026`, place: 'RS Santo Yusup' }),
      ),
    );
    expect(sent.map((answer) => answer.status).sort()).toEqual([201, 409]);
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM credentials WHERE person_id = $1`,
      [doctor.id],
    );
    expect(n).toBe(1);
  });

  it('ends when practice at its place ends: expired from the next day, never a sanction, the day it had kept', async () => {
    const doctor = await newPerson(t, registrar);
    const place = 'RS Hasan Sadikin';
    const sip = await recordVerifiedCredential(t, registrar, {
      personId: doctor.id,
      credentialTypeId: permit,
      validFrom: '2026-01-05',
      place,
    });
    const lastDay = addDays(todayIn(t), -1);
    const end = (id: string, body: Record<string, unknown>) =>
      post(`/credentials/${id}/practice-ended`, { reason: 'Left the hospital', ...body });
    const ended = await end(sip.id, { lastDay }).expect(200);
    expect(ended.body).toMatchObject({ status: 'expired', validUntil: lastDay });
    expect(ended.body.events.at(-1)).toMatchObject({
      event: 'ended',
      reason: 'Left the hospital',
      announcedUntil: '2031-01-04',
    });
    const [row] = await auditRowsFor(t, 'credential', sip.id).then((rows) =>
      rows.filter((r) => r.action === 'credential.ended'),
    );
    expect(row).toMatchObject({
      before: { validUntil: '2031-01-04' },
      after: { validUntil: lastDay },
    });
    // In public: ended, not revoked nor suspended.
    const answer = await t
      .http()
      .get(`/public/credentials/${encodeURIComponent(sip.number)}`)
      .expect(200);
    expect(answer.body).toMatchObject({ status: 'expired', validUntil: lastDay });
    // The place is free for a permit of its own again.
    await record(doctor.id, { number: `SIP/LAGI/${sip.number}`, place }).expect(201);
    // The end is brought forward only; a permit for no place does not end with one.
    expectFieldErrors(await end(sip.id, { lastDay: '2031-01-04' }), [
      {
        field: 'lastDay',
        message: `lastDay must fall in its validity from 2026-01-05, before its last day ${lastDay}`,
      },
    ]);
    const other = await recordVerifiedCredential(t, registrar, {
      personId: doctor.id,
      credentialTypeId: plain,
      validFrom: '2026-01-05',
    });
    expectProblem(await end(other.id, { lastDay }), 409, 'credential-not-per-place');
  });
});

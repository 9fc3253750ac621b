import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { todayIn } from 'test/support/calendar';
import { credentialTypeIds, expectProblem, recordVerifiedCredential } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/**
 * Accredited CPD: a CPD officer accredits a provider (which gets an API key) and its activities;
 * the provider's roster awards the credits with no claim, all or nothing, once per person.
 */
describe('CPD providers, activities and attendance rosters', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let member: SignedIn;
  let holder: SignedIn;
  let memberNumber: string;
  let permitNumber: string;
  let providerId: string;
  let providerKey: string;
  let today: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  const attendanceRows = async () =>
    (
      await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM cpd_credits WHERE source = 'attendance'`,
      )
    )[0].n;
  const roster = (activityId: string, body: object | string, key = providerKey) => {
    const request = t.http().post(`/cpd/activities/${activityId}/attendance`).set('x-api-key', key);
    return typeof body === 'string'
      ? request.set('content-type', 'text/csv').send(body)
      : request.send(body);
  };
  const activity = (values: object = {}) =>
    post(
      '/cpd/activities',
      {
        providerId,
        title: 'Pertemuan Ilmiah Tahunan',
        domain: 'learning',
        category: 'seminar',
        credits: 6,
        startsOn: addDays(today, -3),
        endsOn: addDays(today, -2),
        place: 'Hotel Borobudur, Jakarta',
        ...values,
      },
      officer,
    );

  beforeAll(async () => {
    t = await createTestApp();
    today = todayIn(t);
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'cpd_officer');
    const registrar = await loginAs(t, 'registrar');
    const finance = await loginAs(t, 'finance');
    member = await loginAs(t, 'member', 'dr. Hadir');
    holder = await loginAs(t, 'member', 'dr. Izin Praktik');
    const pipeline = new Pipeline(t, admin);
    const chapter = await pipeline.chapter();
    const membershipId = await pipeline.admitted(finance, member, chapter.id);
    memberNumber = (await get(`/memberships/${membershipId}`, admin).expect(200)).body.memberNumber;
    const { SIP } = await credentialTypeIds(t, registrar);
    permitNumber = (
      await recordVerifiedCredential(t, registrar, {
        personId: holder.personId!,
        credentialTypeId: SIP,
        place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
        validFrom: '2025-01-01',
      })
    ).number;
    const provider = await post(
      '/cpd/providers',
      {
        name: 'PAPDI Cabang Jakarta',
        accreditedFrom: addDays(today, -30),
        accreditedUntil: addDays(today, 365),
      },
      officer,
    ).expect(201);
    providerId = provider.body.id;
    providerKey = provider.body.apiKey;
    expect(providerKey).toMatch(/^gh_/);
  });
  afterAll(() => t.close());

  it('accredits activities only within the provider accreditation, in a domain the policies count', async () => {
    expectProblem(
      await activity({ startsOn: addDays(today, -60), endsOn: addDays(today, -59) }),
      409,
      'cpd-provider-not-accredited',
    );
    expectProblem(await activity({ domain: 'astrology' }), 422, 'cpd-unknown-domain');
    const nowhere = await activity({ place: undefined });
    expectProblem(nowhere, 400, 'validation-failed');
    expect(nowhere.body.errors).toEqual([
      { field: 'place', message: 'place is required unless the activity is online' },
    ]);
    await activity({ place: undefined, online: true }).expect(201);
  });

  it('awards the credits of a roster once, by member or credential number, and a roster sent again creates nothing', async () => {
    const held = (await activity({ partialCredit: true }).expect(201)).body;
    // The CSV reads what the compliance report remembers.
    const counted = async () => {
      const csv = await get('/cpd/compliance?policy=SKP_SIP', officer)
        .set('accept', 'text/csv')
        .expect(200);
      const line = csv.text.split('\r\n').find((one) => one.startsWith(`${permitNumber},`));
      return Number(line!.split(',')[8]);
    };
    // The compliance report remembers where the holder stands; the roster's credits change that.
    expect(await counted()).toBe(0);
    const sent = await roster(held.id, {
      attendees: [{ number: memberNumber }, { number: permitNumber, credits: 3 }],
    }).expect(200);
    expect(sent.body).toEqual({ recorded: 2, alreadyRecorded: 0 });
    const again = await roster(held.id, {
      attendees: [{ number: memberNumber }, { number: permitNumber, credits: 3 }],
    }).expect(200);
    expect(again.body).toEqual({ recorded: 0, alreadyRecorded: 2 });

    const transcript = await get('/cpd/transcript', holder).expect(200);
    expect(transcript.body.credits).toEqual([
      expect.objectContaining({
        title: 'Pertemuan Ilmiah Tahunan',
        domain: 'learning',
        credits: 3,
        earnedOn: addDays(today, -2),
        source: 'attendance',
      }),
    ]);
    // The permit's cycle counts it with no claim.
    expect(transcript.body.obligations[0].domains[0]).toMatchObject({
      domain: 'learning',
      counted: 3,
    });
    expect(await counted()).toBe(3);
  });

  it('answers every copy of one roster sent at once, more copies than the pool has connections: the first records, the rest find it recorded', async () => {
    const held = (await activity()).body as { id: string };
    const copies = t.settings.databasePoolSize + 1;
    const answers = await Promise.all(
      Array.from({ length: copies }, () =>
        roster(held.id, { attendees: [{ number: memberNumber }, { number: permitNumber }] }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(copies).fill(200));
    expect(answers.map((answer) => answer.body.recorded).sort()).toEqual([
      ...Array(copies - 1).fill(0),
      2,
    ]);
    const [{ n }] = await t.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM cpd_credits WHERE activity_id = $1',
      [held.id],
    );
    expect(n).toBe(2);
  });

  it('names every bad row of a roster and records none of it, JSON or CSV', async () => {
    const whole = (await activity({ capacity: 2 }).expect(201)).body;
    const before = await attendanceRows();
    const bad = await roster(whole.id, {
      attendees: [
        { number: 'NOPE-1' },
        { number: memberNumber, credits: 99 },
        { number: permitNumber, credits: 2 },
        { number: memberNumber },
      ],
    });
    expectProblem(bad, 422, 'cpd-roster-invalid');
    expect(bad.body.errors).toEqual([
      { field: 'attendees[0].number', message: 'NOPE-1 is no member or credential number' },
      { field: 'attendees[1].credits', message: "more than the activity's 6 credits" },
      { field: 'attendees[2].credits', message: 'the activity awards its credits whole' },
      { field: 'attendees[3].number', message: 'the same person as attendees[1]' },
    ]);
    expect(await attendanceRows()).toBe(before);

    // Every bad row in one answer, malformed cells beside unknown numbers and credits over the
    // activity's; a CSV row named by its line.
    const csvBad = await roster(
      whole.id,
      `number,credits\r\n${memberNumber},abc\r\nNOPE-2,\r\n${permitNumber},0\r\n\r\n${permitNumber},99\r\n`,
    );
    expectProblem(csvBad, 422, 'cpd-roster-invalid');
    expect(csvBad.body.errors).toEqual([
      {
        field: 'line 2.credits',
        message: 'credits must be a number from 0.01 to 99999.99 with at most 2 decimals',
      },
      {
        field: 'line 4.credits',
        message: 'credits must be a number from 0.01 to 99999.99 with at most 2 decimals',
      },
      { field: 'line 3.number', message: 'NOPE-2 is no member or credential number' },
      { field: 'line 6.credits', message: "more than the activity's 6 credits" },
    ]);
    const jsonBad = await roster(whole.id, {
      attendees: [{ number: memberNumber, credits: 'abc' }, { number: 'NOPE-3' }, 'not a row'],
    });
    expectProblem(jsonBad, 422, 'cpd-roster-invalid');
    // Each bad row named, however many cells of it are wrong.
    const rowsNamed = (jsonBad.body.errors as { field: string }[]).map(
      (error) => /^attendees\[\d+\]/.exec(error.field)?.[0],
    );
    expect([...new Set(rowsNamed)].sort()).toEqual([
      'attendees[0]',
      'attendees[1]',
      'attendees[2]',
    ]);
    // Read as it arrives: a roster of more rows than one may hold is refused at the row past the
    // limit, and a file in a legacy code page by its first line that is not UTF-8.
    const tooMany = await roster(whole.id, `number\r\n${`${memberNumber}\r\n`.repeat(10_001)}`);
    expectProblem(tooMany, 400, 'validation-failed');
    expect(tooMany.body.errors).toEqual([
      {
        field: 'attendees',
        message: 'a roster holds at most 10000 attendees; send the rest in another',
      },
    ]);
    const legacy = await t
      .http()
      .post(`/cpd/activities/${whole.id}/attendance`)
      .set('x-api-key', providerKey)
      .set('content-type', 'text/csv')
      .send(Buffer.concat([Buffer.from(`number\r\n`), Buffer.from([0x53, 0xe9, 0x0d, 0x0a])]));
    expectProblem(legacy, 400, 'validation-failed');
    expect(legacy.body.errors[0].message).toMatch(/line 2 is not UTF-8/);
    expect(await attendanceRows()).toBe(before);

    const csv = await roster(whole.id, `number\r\n${memberNumber}\r\n${permitNumber}\r\n`).expect(
      200,
    );
    expect(csv.body).toEqual({ recorded: 2, alreadyRecorded: 0 });
    expect(await attendanceRows()).toBe(before + 2);
    // Full: a third attendee is over capacity.
    const third = await loginAs(t, 'member', 'dr. Ketiga');
    const registrar = await loginAs(t, 'registrar');
    const { SIP } = await credentialTypeIds(t, registrar);
    const { number } = await recordVerifiedCredential(t, registrar, {
      personId: third.personId!,
      credentialTypeId: SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: '2025-01-01',
    });
    const over = await roster(whole.id, { attendees: [{ number }] });
    expectProblem(over, 422, 'cpd-roster-invalid');
    expect(over.body.errors).toEqual([
      { field: 'attendees', message: "3 attendees in all, over the activity's capacity of 2" },
    ]);
  });

  it("takes a roster only from the activity's own provider, and only once it has ended", async () => {
    const coming = (
      await activity({ startsOn: addDays(today, 10), endsOn: addDays(today, 11) }).expect(201)
    ).body;
    const early = await roster(coming.id, { attendees: [{ number: memberNumber }] });
    expectProblem(early, 409, 'cpd-activity-not-held');
    expect(early.body.detail).toBe(
      `The activity ends on ${addDays(today, 11)}: its attendance is reported after it`,
    );
    const other = await post(
      '/cpd/providers',
      {
        name: 'Another provider',
        accreditedFrom: addDays(today, -30),
        accreditedUntil: addDays(today, 30),
      },
      officer,
    ).expect(201);
    const held = (await activity().expect(201)).body;
    expectProblem(
      await roster(held.id, { attendees: [{ number: memberNumber }] }, other.body.apiKey),
      404,
      'not-found',
    );
    const asMember = await t
      .http()
      .post(`/cpd/activities/${held.id}/attendance`)
      .set('authorization', member.bearer)
      .send({ attendees: [{ number: memberNumber }] });
    expect([401, 403]).toContain(asMember.status);
    expectProblem(
      await post(
        '/cpd/providers',
        { name: 'X', accreditedFrom: today, accreditedUntil: today },
        member,
      ),
      403,
      'forbidden',
    );
  });
});

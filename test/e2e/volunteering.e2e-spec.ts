import { randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { login, loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { asBuffer } from 'test/support/binary';
import { todayIn } from 'test/support/calendar';
import { sendTogetherBehindRow } from 'test/support/concurrency';
import {
  auditRowsFor,
  credentialTypeIds,
  expectProblem,
  recordVerifiedCredential,
} from 'test/support/factories';
import { Pipeline } from 'test/support/membership';
import { pdfText } from 'test/support/pdf';

const unique = () => randomBytes(4).toString('hex');

/**
 * Volunteering: programs found on a public list, volunteers admitted by a coordinator, shifts
 * whose capacity holds however many sign up at once, with a waiting list promoted in order; hours
 * logged and decided, never deleted; approved hours proposing CPD credits the member accepts.
 */
describe('volunteering', () => {
  let t: TestApp;
  let admin: SignedIn;
  let coordinator: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;
  let SIP: string;

  const post = poster(
    () => t,
    () => coordinator,
  );
  const get = (path: string, as: SignedIn = coordinator) =>
    t.http().get(path).set('authorization', as.bearer);

  /** Someone with no membership registers (a person record and an account) and signs in. */
  async function registered(fullName: string): Promise<SignedIn> {
    const email = `volunteer-${unique()}@guildhall.test`;
    const password = `password-${unique()}-${unique()}`;
    await t.http().post('/auth/register').send({ email, password, fullName }).expect(201);
    return login(t, email, password);
  }

  async function program(values: Record<string, unknown> = {}) {
    const today = todayIn(t);
    const created = await post('/volunteering/programs', {
      title: `Health camp ${unique()}`,
      description: 'Free check-ups and vaccinations in four villages',
      cause: 'Rural health',
      chapterId,
      place: 'Waingapu, Sumba Timur',
      startsOn: today,
      endsOn: addDays(today, 30),
      openTo: 'anyone',
      ...values,
    }).expect(201);
    return created.body as { id: string; title: string };
  }

  async function shift(programId: string, capacity: number, values: Record<string, unknown> = {}) {
    const starts = new Date(Date.now() + 3 * 86_400_000);
    const created = await post(`/volunteering/programs/${programId}/shifts`, {
      role: 'Registration desk',
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + 6 * 3_600_000).toISOString(),
      capacity,
      ...values,
    }).expect(201);
    return created.body as { id: string };
  }

  /** An applicant admitted to the program by the coordinator: their volunteer id. */
  async function approvedVolunteer(programId: string, who: SignedIn): Promise<string> {
    const applied = await post(`/volunteering/programs/${programId}/volunteers`, {}, who).expect(
      201,
    );
    await post(`/volunteering/volunteers/${applied.body.id}/decision`, {
      decision: 'approved',
    }).expect(201);
    return applied.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp({ settings: { publicBaseUrl: 'https://idi.example' } });
    admin = await loginAsAdmin(t);
    coordinator = await loginAs(t, 'volunteer_coordinator');
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
    ({ SIP } = await credentialTypeIds(t, registrar));
  });
  afterAll(() => t.close());

  it('lists open programs publicly, with their shifts and places, and no personal data', async () => {
    const open = await program({ title: `Blood drive ${unique()}` });
    const closed = await program({ title: `Closed camp ${unique()}` });
    await t
      .http()
      .patch(`/volunteering/programs/${closed.id}`)
      .set('authorization', coordinator.bearer)
      .send({ status: 'closed' })
      .expect(200);
    const desk = await shift(open.id, 2);
    const volunteer = await registered('Maria Sukarela Publik');
    await post(`/volunteering/shifts/${desk.id}/signups`, {}, volunteer).expect(409);
    await approvedVolunteer(open.id, volunteer);
    await post(`/volunteering/shifts/${desk.id}/signups`, {}, volunteer).expect(201);

    const list = await t.http().get('/volunteering/programs?pageSize=200').expect(200);
    const titles = (list.body.items as { title: string }[]).map((item) => item.title);
    expect(titles).toContain(open.title);
    expect(titles).not.toContain(closed.title);
    const page = await t.http().get(`/volunteering/programs/${open.id}`).expect(200);
    expect(page.body).toMatchObject({
      title: open.title,
      cause: 'Rural health',
      chapter: expect.stringMatching(/^Cabang /),
      openTo: 'anyone',
      status: 'open',
      shifts: [expect.objectContaining({ id: desk.id, capacity: 2, confirmed: 1, waiting: 0 })],
    });
    const text = list.text + page.text;
    expect(text).not.toContain('Maria Sukarela Publik');
    expect(text).not.toContain(volunteer.personId);
    expect(text).not.toContain('@guildhall.test');
    expectProblem(await t.http().get(`/volunteering/programs/${closed.id}`), 404, 'not-found');
  });

  it('admits an applicant who registered without a membership, then archives them with a reason', async () => {
    const camp = await program();
    const applicant = await registered('Yohana Pendaftar');
    const applied = await post(
      `/volunteering/programs/${camp.id}/volunteers`,
      { motivation: 'I speak Kambera' },
      applicant,
    ).expect(201);
    expect(applied.body).toMatchObject({
      status: 'applicant',
      personId: applicant.personId,
      fullName: 'Yohana Pendaftar',
    });
    const id = applied.body.id as string;
    expectProblem(
      await post(`/volunteering/programs/${camp.id}/volunteers`, {}, applicant),
      409,
      'volunteer-already-applied',
    );
    // Only a coordinator decides; the volunteer reads their own, nobody else's.
    await post(
      `/volunteering/volunteers/${id}/decision`,
      { decision: 'approved' },
      applicant,
    ).expect(403);
    const stranger = await registered('Orang Lain');
    await get(`/volunteering/volunteers/${id}`, stranger).expect(404);
    await get(`/volunteering/volunteers/${id}`, applicant).expect(200);

    await post(`/volunteering/volunteers/${id}/decision`, { decision: 'approved' }).expect(201);
    expectProblem(
      await post(`/volunteering/volunteers/${id}/decision`, { decision: 'archived' }),
      422,
      'reason-required',
    );
    const archived = await post(`/volunteering/volunteers/${id}/decision`, {
      decision: 'archived',
      reason: 'Program ended',
    }).expect(201);
    expect(archived.body).toMatchObject({ status: 'archived', reason: 'Program ended' });
    expectProblem(
      await post(`/volunteering/volunteers/${id}/decision`, { decision: 'approved' }),
      409,
      'volunteer-decision-not-allowed',
    );
    const audit = await auditRowsFor(t, 'volunteer', id);
    expect(audit.map((row) => row.action)).toEqual([
      'volunteer.applied',
      'volunteer.approved',
      'volunteer.archived',
    ]);
    const mine = await get('/volunteering/volunteers', applicant).expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
  });

  it('refuses, with the reason, a non-member where the program is for members and an unlicensed volunteer where a licence is needed', async () => {
    const membersOnly = await program({ openTo: 'members' });
    const outsider = await registered('Bukan Anggota');
    const refused = await post(`/volunteering/programs/${membersOnly.id}/volunteers`, {}, outsider);
    expectProblem(refused, 422, 'volunteer-requirements-unmet');
    expect(refused.body.detail).toMatch(/members only.*none/);
    const { doctor: member } = await pipeline.memberInGoodStanding(
      finance,
      chapterId,
      'dr. Anggota',
    );
    await post(`/volunteering/programs/${membersOnly.id}/volunteers`, {}, member).expect(201);

    const clinic = await program({ requiredCredentialTypeId: SIP });
    const unlicensed = await registered('Tanpa Izin');
    const noLicence = await post(`/volunteering/programs/${clinic.id}/volunteers`, {}, unlicensed);
    expectProblem(noLicence, 422, 'volunteer-requirements-unmet');
    expect(noLicence.body.detail).toBe(
      'A valid SIP is required, and this person holds none valid today',
    );
    expect(
      await t.db.query(`SELECT 1 FROM volunteers WHERE person_id = $1`, [unlicensed.personId]),
    ).toEqual([]);
    await recordVerifiedCredential(t, registrar, {
      personId: unlicensed.personId!,
      credentialTypeId: SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: addDays(todayIn(t), -30),
    });
    await post(`/volunteering/programs/${clinic.id}/volunteers`, {}, unlicensed).expect(201);

    // A role of an open program can need the licence too.
    const camp = await program();
    const triage = await shift(camp.id, 5, {
      role: 'Triage doctor',
      requiredCredentialTypeId: SIP,
    });
    const helper = await registered('Relawan Umum');
    await approvedVolunteer(camp.id, helper);
    expectProblem(
      await post(`/volunteering/shifts/${triage.id}/signups`, {}, helper),
      422,
      'volunteer-requirements-unmet',
    );
  });

  it('puts sign-ups past capacity on a waiting list and promotes the first when a place frees up', async () => {
    const camp = await program();
    const desk = await shift(camp.id, 2);
    const people = await Promise.all(
      ['Satu', 'Dua', 'Tiga', 'Empat'].map((name) => registered(name)),
    );
    for (const who of people) await approvedVolunteer(camp.id, who);
    const signups = [];
    for (const who of people) {
      signups.push(
        (await post(`/volunteering/shifts/${desk.id}/signups`, {}, who).expect(201)).body,
      );
    }
    expect(signups.map((s) => [s.status, s.waitingPosition])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
      ['waiting', 1],
      ['waiting', 2],
    ]);
    expectProblem(
      await post(`/volunteering/shifts/${desk.id}/signups`, {}, people[0]),
      409,
      'shift-signed-up',
    );
    // Someone else's sign-up is not theirs to cancel.
    await post(`/volunteering/signups/${signups[1].id}/cancellation`, {}, people[0]).expect(404);
    const cancelled = await post(
      `/volunteering/signups/${signups[1].id}/cancellation`,
      {},
      people[1],
    ).expect(201);
    expect(cancelled.body.status).toBe('cancelled');
    const roster = await get(`/volunteering/shifts/${desk.id}/signups`).expect(200);
    expect(
      (roster.body as { id: string; status: string; waitingPosition: number | null }[]).map((s) => [
        s.id,
        s.status,
        s.waitingPosition,
      ]),
    ).toEqual([
      [signups[0].id, 'confirmed', null],
      [signups[1].id, 'cancelled', null],
      [signups[2].id, 'confirmed', null],
      [signups[3].id, 'waiting', 1],
    ]);
    expectProblem(
      await post(`/volunteering/signups/${signups[1].id}/cancellation`, {}, people[1]),
      409,
      'signup-cancelled',
    );
  });

  it('never confirms more than the capacity, however many sign up at the same moment', async () => {
    const camp = await program();
    const desk = await shift(camp.id, 2);
    const people = await Promise.all(['A', 'B', 'C', 'D'].map((n) => registered(`Serentak ${n}`)));
    for (const who of people) await approvedVolunteer(camp.id, who);
    const answers = await sendTogetherBehindRow(
      t,
      'volunteer_shifts',
      desk.id,
      people.map((who) => () => post(`/volunteering/shifts/${desk.id}/signups`, {}, who)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
    const statuses = answers.map((answer) => answer.body.status as string).sort();
    expect(statuses).toEqual(['confirmed', 'confirmed', 'waiting', 'waiting']);

    // And a crowd at once, without holding anything: still the capacity, the rest waiting.
    const big = await shift(camp.id, 3);
    const crowd = await Promise.all(Array.from({ length: 8 }, (_, i) => registered(`Ramai ${i}`)));
    for (const who of crowd) await approvedVolunteer(camp.id, who);
    await Promise.all(
      crowd.map((who) => post(`/volunteering/shifts/${big.id}/signups`, {}, who).expect(201)),
    );
    const [counts] = await t.db.query<{ confirmed: number; waiting: number }[]>(
      `SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE status = 'waiting')::int AS waiting
         FROM shift_signups WHERE shift_id = $1`,
      [big.id],
    );
    expect(counts).toEqual({ confirmed: 3, waiting: 5 });
  });

  it('serves a volunteer’s shifts as an iCalendar feed a real parser reads', async () => {
    const camp = await program({ title: 'Kamp Kesehatan Kalender' });
    const desk = await shift(camp.id, 1, { role: 'Pharmacy', place: 'Puskesmas Kambera' });
    const full = await shift(camp.id, 1, { role: 'Cook' });
    const volunteer = await registered('Kalender Relawan');
    const other = await registered('Koki Pertama');
    await approvedVolunteer(camp.id, volunteer);
    await approvedVolunteer(camp.id, other);
    await post(`/volunteering/shifts/${full.id}/signups`, {}, other).expect(201);
    await post(`/volunteering/shifts/${desk.id}/signups`, {}, volunteer).expect(201);
    await post(`/volunteering/shifts/${full.id}/signups`, {}, volunteer).expect(201);

    const feed = await post('/volunteering/calendar-feed', {}, volunteer).expect(201);
    const url = new URL(feed.body.url as string);
    expect(url.origin).toBe('https://idi.example');
    const ics = await t.http().get(url.pathname).expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(ics.text));
    const events = calendar
      .getAllSubcomponents('vevent')
      .map((component) => new ICAL.Event(component));
    expect(
      events.map((event) => [
        event.summary,
        event.location,
        event.component.getFirstPropertyValue('status'),
      ]),
    ).toEqual([
      ['Pharmacy: Kamp Kesehatan Kalender', 'Puskesmas Kambera', 'CONFIRMED'],
      ['Cook: Kamp Kesehatan Kalender (waiting list)', 'Waingapu, Sumba Timur', 'TENTATIVE'],
    ]);
    expect(events[0].endDate.toJSDate().getTime() - events[0].startDate.toJSDate().getTime()).toBe(
      6 * 3_600_000,
    );
    // A new address replaces the old one.
    await post('/volunteering/calendar-feed', {}, volunteer).expect(201);
    expectProblem(await t.http().get(url.pathname), 404, 'not-found');
  });

  it('keeps hours logged, approved, declined and corrected, and turns approved hours into CPD credits the member accepts', async () => {
    const today = todayIn(t);
    const camp = await program({ title: 'Bakti Sosial Sumba' });
    const doctor = await registered('dr. Relawan Kredit');
    await recordVerifiedCredential(t, registrar, {
      personId: doctor.personId!,
      credentialTypeId: SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: addDays(today, -60),
    });
    const volunteerId = await approvedVolunteer(camp.id, doctor);

    const logged = await post(
      `/volunteering/volunteers/${volunteerId}/hours`,
      { workedOn: addDays(today, -2), hours: 7, note: 'Triage' },
      doctor,
    ).expect(201);
    expect(logged.body).toMatchObject({ status: 'pending', recordedBy: 'volunteer', hours: 7 });
    expectProblem(
      await post(
        `/volunteering/volunteers/${volunteerId}/hours`,
        { workedOn: addDays(today, 1), hours: 2 },
        doctor,
      ),
      400,
      'validation-failed',
    );
    expectProblem(
      await post(
        `/volunteering/volunteers/${volunteerId}/hours`,
        { workedOn: today, hours: 7.9e-216 },
        doctor,
      ),
      400,
      'validation-failed',
    );
    await post(
      `/volunteering/hours/${logged.body.id}/decision`,
      { decision: 'approved' },
      doctor,
    ).expect(403);
    const declinedEntry = await post(
      `/volunteering/volunteers/${volunteerId}/hours`,
      { workedOn: addDays(today, -3), hours: 3 },
      doctor,
    ).expect(201);
    expectProblem(
      await post(`/volunteering/hours/${declinedEntry.body.id}/decision`, { decision: 'declined' }),
      422,
      'reason-required',
    );
    await post(`/volunteering/hours/${declinedEntry.body.id}/decision`, {
      decision: 'declined',
      reason: 'Not on the roster that day',
    }).expect(201);
    const approved = await post(`/volunteering/hours/${logged.body.id}/decision`, {
      decision: 'approved',
    }).expect(201);
    expect(approved.body.status).toBe('approved');
    expectProblem(
      await post(`/volunteering/hours/${logged.body.id}/decision`, {
        decision: 'declined',
        reason: 'Too late',
      }),
      409,
      'hours-decided',
    );

    // 7 hours at 2 hours a credit propose 3.5 community-service credits, with the hours as evidence.
    const proposals = await get('/volunteering/credit-proposals', doctor).expect(200);
    expect(proposals.body.items).toEqual([
      expect.objectContaining({
        hoursId: logged.body.id,
        credits: 3.5,
        domain: 'community',
        category: 'volunteering',
        status: 'proposed',
      }),
    ]);
    const proposalId = proposals.body.items[0].id as string;
    const before = await get('/cpd/transcript', doctor).expect(200);
    expect(before.body.credits).toEqual([]);
    await post(
      `/volunteering/credit-proposals/${proposalId}/decision`,
      { decision: 'accepted' },
      doctor,
    ).expect(201);
    expectProblem(
      await post(
        `/volunteering/credit-proposals/${proposalId}/decision`,
        { decision: 'accepted' },
        doctor,
      ),
      409,
      'proposal-decided',
    );
    const after = await get('/cpd/transcript', doctor).expect(200);
    expect(after.body.credits).toEqual([
      expect.objectContaining({ domain: 'community', credits: 3.5, source: 'volunteering' }),
    ]);
    const creditId = after.body.credits[0].id as string;
    const community = (
      after.body.obligations[0].domains as {
        domain: string;
        counted: number;
        creditIds: string[];
      }[]
    ).find((domain) => domain.domain === 'community');
    expect(community).toMatchObject({ counted: 3.5, creditIds: [creditId] });

    // A correction is a new entry; approved, it supersedes the old one and its credit goes.
    const correction = await post(
      `/volunteering/volunteers/${volunteerId}/hours`,
      { workedOn: addDays(today, -2), hours: 5, correctsId: logged.body.id },
      doctor,
    ).expect(201);
    await post(`/volunteering/hours/${correction.body.id}/decision`, {
      decision: 'approved',
    }).expect(201);
    const hours = await get(`/volunteering/hours?volunteerId=${volunteerId}`).expect(200);
    expect(
      (hours.body.items as { id: string; status: string; supersededById: string | null }[]).map(
        (entry) => [entry.id, entry.status, entry.supersededById],
      ),
    ).toEqual([
      [declinedEntry.body.id, 'declined', null],
      [logged.body.id, 'approved', correction.body.id],
      [correction.body.id, 'approved', null],
    ]);
    const corrected = await get('/cpd/transcript', doctor).expect(200);
    expect(
      (corrected.body.obligations[0].domains as { domain: string; counted: number }[]).find(
        (domain) => domain.domain === 'community',
      )?.counted ?? 0,
    ).toBe(0);
    const [removed] = await t.db.query<{ removed_reason: string }[]>(
      `SELECT removed_reason FROM cpd_credits WHERE id = $1`,
      [creditId],
    );
    expect(removed.removed_reason).toMatch(/corrected/);
    const next = await get('/volunteering/credit-proposals', doctor).expect(200);
    expect(
      (next.body.items as { hoursId: string; status: string; credits: number }[]).map((p) => [
        p.hoursId,
        p.status,
        p.credits,
      ]),
    ).toEqual([
      [logged.body.id, 'withdrawn', 3.5],
      [correction.body.id, 'proposed', 2.5],
    ]);

    // Hours recorded by a coordinator are approved as recorded; nothing is ever deleted.
    const recorded = await post(`/volunteering/volunteers/${volunteerId}/hours`, {
      workedOn: addDays(today, -1),
      hours: 4,
    }).expect(201);
    expect(recorded.body).toMatchObject({ status: 'approved', recordedBy: 'coordinator' });
    await expect(
      t.db.query(`DELETE FROM volunteer_hours WHERE id = $1`, [declinedEntry.body.id]),
    ).rejects.toThrow(/never deleted/);

    // The reports count the hours that stand: 5 corrected + 4 recorded.
    const byPerson = await get('/volunteering/reports/hours?by=person').expect(200);
    expect(byPerson.body).toContainEqual({
      key: doctor.personId,
      name: 'dr. Relawan Kredit',
      volunteers: 1,
      entries: 2,
      hours: 9,
    });
    const byProgram = await get('/volunteering/reports/hours?by=program')
      .set('accept', 'text/csv')
      .expect(200);
    expect(byProgram.headers['content-type']).toMatch(/^text\/csv/);
    expect(byProgram.text).toContain(`${camp.id},Bakti Sosial Sumba,1,2,9`);
    await get('/volunteering/reports/hours?by=person', doctor).expect(403);

    const certificate = await get(`/volunteering/volunteers/${volunteerId}/certificate.pdf`, doctor)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(certificate.headers['content-type']).toBe('application/pdf');
    const text = pdfText(certificate.body as Buffer)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('dr. Relawan Kredit');
    expect(text).toContain('Bakti Sosial Sumba');
    expect(text).toContain('9 hours approved');
  });

  it('lets the CPD policy cap credits from volunteering per cycle, and reports hours by chapter', async () => {
    const today = todayIn(t);
    const camp = await program({ title: `Tanggap Bencana ${unique()}` });
    const doctor = await registered('dr. Banyak Jam');
    await recordVerifiedCredential(t, registrar, {
      personId: doctor.personId!,
      credentialTypeId: SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: addDays(today, -60),
    });
    const volunteerId = await approvedVolunteer(camp.id, doctor);
    // Three days of 20 hours: 30 credits proposed, accepted.
    for (const daysAgo of [3, 2, 1]) {
      await post(`/volunteering/volunteers/${volunteerId}/hours`, {
        workedOn: addDays(today, -daysAgo),
        hours: 20,
      }).expect(201);
    }
    const proposals = await get('/volunteering/credit-proposals?status=proposed', doctor).expect(
      200,
    );
    expect(proposals.body.items.map((p: { credits: number }) => p.credits)).toEqual([10, 10, 10]);
    for (const proposal of proposals.body.items as { id: string }[]) {
      await post(
        `/volunteering/credit-proposals/${proposal.id}/decision`,
        { decision: 'accepted' },
        doctor,
      ).expect(201);
    }
    // KMK 1561/2024 gives community service 5% of 250: 12.5 count there, the rest goes flexible.
    const transcript = await get('/cpd/transcript', doctor).expect(200);
    const domains = transcript.body.obligations[0].domains as { domain: string; counted: number }[];
    expect(domains.find((domain) => domain.domain === 'community')?.counted).toBe(12.5);
    expect(transcript.body.credits).toHaveLength(3);

    const byChapter = await get('/volunteering/reports/hours?by=chapter').expect(200);
    expect(byChapter.body).toContainEqual(
      expect.objectContaining({ key: chapterId, name: expect.stringMatching(/^Cabang /) }),
    );
  });

  it('keeps the credit rule in data: a new rule applies to hours worked from its day', async () => {
    const cpdOfficer = await loginAs(t, 'cpd_officer');
    await post('/volunteering/programs', {}, cpdOfficer).expect(403);
    await post(
      '/volunteering/credit-rules',
      {
        effectiveFrom: '2030-01-01',
        hoursPerCredit: 4,
        domain: 'community',
        category: 'volunteering',
      },
      coordinator,
    ).expect(403);
    expectProblem(
      await post(
        '/volunteering/credit-rules',
        {
          effectiveFrom: '2030-01-01',
          hoursPerCredit: 4,
          domain: 'nonsense',
          category: 'volunteering',
        },
        admin,
      ),
      422,
      'cpd-unknown-domain',
    );
    const rules = await post(
      '/volunteering/credit-rules',
      {
        effectiveFrom: '2030-01-01',
        hoursPerCredit: 4,
        domain: 'community',
        category: 'volunteering',
      },
      admin,
    ).expect(201);
    expect(
      (rules.body as { effectiveFrom: string; hoursPerCredit: number }[]).map((rule) => [
        rule.effectiveFrom,
        rule.hoursPerCredit,
      ]),
    ).toEqual([
      ['2000-01-01', 2],
      ['2030-01-01', 4],
    ]);
  });
});

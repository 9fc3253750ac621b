import { randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import {
  auditRowsFor,
  credentialTypeIds,
  expectProblem,
  newPerson,
  recordVerifiedCredential,
  makeCompetent,
} from 'test/support/factories';
import { Pipeline } from 'test/support/membership';
import { freePort } from 'test/support/process';
import { until } from 'test/support/concurrency';

/**
 * Reminders by e-mail on the schedule in data, through a real SMTP server run in-process: each is
 * sent once per person, item and step, across two app instances sharing one database and after a
 * restart; with no SMTP server configured, messages are kept in the outbox for admins.
 */
describe('reminders by e-mail', () => {
  const received: ParsedMail[] = [];
  let smtp: SMTPServer;
  let smtpUrl: string;
  let first: TestApp;
  let second: TestApp;
  let admin: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;

  const runPass = (t: TestApp, as: SignedIn) =>
    t.http().post('/reminders/passes').set('authorization', as.bearer).send({});
  const moveBoth = (to: string) => {
    const moves = [first, second].map((t) => moveCalendar(t, to));
    return { restore: () => moves.forEach((move) => move.restore()) };
  };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            received.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${port}`;
    first = await createTestApp({ settings: { smtpUrl, jobRunner: true } });
    second = await createTestApp({
      databaseUrl: first.settings.databaseUrl,
      settings: { smtpUrl, jobRunner: true },
    });
    admin = await loginAsAdmin(first);
    pipeline = new Pipeline(first, admin);
    chapterId = (await pipeline.chapter()).id;
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  it('sends each reminder once across two instances and a restart, as the schedule says', async () => {
    const finance = await loginAs(first, 'finance');
    const { doctor, membershipId } = await pipeline.memberInGoodStanding(
      finance,
      chapterId,
      'dr. Pengingat',
    );
    const [{ email }] = await first.db.query<{ email: string }[]>(
      `SELECT email FROM persons WHERE id = $1`,
      [doctor.personId],
    );
    const membership = (
      await first.http().get(`/memberships/${membershipId}`).set('authorization', admin.bearer)
    ).body as { memberNumber: string; coveredUntil: string };
    const toMember = () =>
      received.filter((mail) => mail.to && JSON.stringify(mail.to).includes(email));

    const sixtyBefore = moveBoth(addDays(membership.coveredUntil, -55));
    try {
      // Both instances run the pass at the same moment: the reminder is recorded once.
      const passes = await Promise.all([runPass(first, admin), runPass(second, admin)]);
      expect(passes.map((pass) => pass.status)).toEqual([201, 201]);
      const sent = passes.map((pass) => (pass.body.sent.MEMBERSHIP_60 as number | undefined) ?? 0);
      expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
      await until(() => toMember().length >= 1);
      const [mail] = toMember();
      expect(mail.subject).toBe(
        `Your membership ${membership.memberNumber} is covered until ${membership.coveredUntil}`,
      );
      expect(mail.text).toContain('dr. Pengingat');
      expect(mail.text).toContain('55 days from now');
      await until(async () => {
        const [row] = await first.db.query<{ status: string }[]>(
          `SELECT m.status FROM reminders_sent r JOIN outbox_messages m ON m.id = r.outbox_id
            WHERE r.item_id = $1`,
          [membershipId],
        );
        return row?.status === 'sent';
      });

      // A restart of one instance, and the pass again on both: nothing more.
      await second.closeApp();
      second = await createTestApp({
        databaseUrl: first.settings.databaseUrl,
        settings: { smtpUrl, jobRunner: true },
      });
      const restarted = moveCalendar(second, addDays(membership.coveredUntil, -55));
      try {
        const again = await Promise.all([runPass(first, admin), runPass(second, admin)]);
        expect(again.map((pass) => pass.body.sent)).toEqual([{}, {}]);
      } finally {
        restarted.restore();
      }
    } finally {
      sixtyBefore.restore();
    }
    const thirtyBefore = moveBoth(addDays(membership.coveredUntil, -20));
    try {
      const pass = await runPass(first, admin).expect(201);
      expect(pass.body.sent).toEqual({ MEMBERSHIP_30: 1 });
      await until(() => toMember().length >= 2);
    } finally {
      thirtyBefore.restore();
    }
    expect(toMember().map((mail) => mail.subject)).toEqual([
      `Your membership ${membership.memberNumber} is covered until ${membership.coveredUntil}`,
      `Your membership ${membership.memberNumber}: 30 days of cover left`,
    ]);
  });

  it('keeps the schedule in data: a step switched off sends nothing', async () => {
    const steps = await first.http().get('/reminders/steps').set('authorization', admin.bearer);
    expect(steps.status).toBe(200);
    expect(
      (steps.body as { code: string; days: number }[]).map((step) => [step.code, step.days]),
    ).toEqual(
      expect.arrayContaining([
        ['CREDENTIAL_90', 90],
        ['MEMBERSHIP_GRACE', 0],
        ['MEMBERSHIP_LAPSED', 0],
      ]),
    );
    const registrar = await loginAs(first, 'registrar');
    expectProblem(
      await first
        .http()
        .patch('/reminders/steps/MEMBERSHIP_GRACE')
        .set('authorization', registrar.bearer)
        .send({ active: false }),
      403,
      'forbidden',
    );
    expectProblem(await runPass(first, registrar), 403, 'forbidden');
    const off = await first
      .http()
      .patch('/reminders/steps/MEMBERSHIP_GRACE')
      .set('authorization', admin.bearer)
      .send({ active: false })
      .expect(200);
    expect(off.body).toMatchObject({ code: 'MEMBERSHIP_GRACE', active: false });
  });
});

describe('the outbox with no SMTP server (the embedded default)', () => {
  let t: TestApp;
  const outboxOf = (admin: SignedIn) =>
    t
      .http()
      .get('/mail/outbox')
      .query({ pageSize: 100 })
      .set('authorization', admin.bearer)
      .expect(200);

  let startedAt: Date;
  beforeAll(async () => {
    startedAt = new Date();
    t = await createTestApp({
      settings: { jobRunner: true, dailyRunTime: '01:30', timeZone: 'Asia/Jakarta' },
    });
  });
  afterAll(() => t.close());

  it('schedules the daily membership run, the reminder pass, remembering CPD standings and the credential changes of the day as jobs, at the hour in the association’s zone', async () => {
    const schedules = await t.db.query<{ name: string; cron: string; timezone: string }[]>(
      `SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name`,
    );
    expect(schedules).toEqual([
      { name: 'cpd.remember-standings', cron: '30 1 * * *', timezone: 'Asia/Jakarta' },
      { name: 'credential-changes-of-the-day', cron: '30 1 * * *', timezone: 'Asia/Jakarta' },
      { name: 'membership-status-run', cron: '30 1 * * *', timezone: 'Asia/Jakarta' },
      { name: 'reminder-pass', cron: '30 1 * * *', timezone: 'Asia/Jakarta' },
      { name: 'webhook-dispatch', cron: '* * * * *', timezone: 'Asia/Jakarta' },
    ]);
    // A process that runs the daily jobs also remembers CPD standings as it starts: a release
    // may have changed the arithmetic they were worked out with.
    const sentAtStart = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pgboss.job
        WHERE name = 'cpd.remember-standings' AND created_on >= $1`,
      [startedAt],
    );
    expect(sentAtStart).toEqual([{ n: 1 }]);
  });

  it('keeps reminders in the outbox, for admins to read', async () => {
    const admin = await loginAsAdmin(t);
    const pipeline = new Pipeline(t, admin);
    const chapterId = (await pipeline.chapter()).id;
    const finance = await loginAs(t, 'finance');
    const { membershipId } = await pipeline.memberInGoodStanding(
      finance,
      chapterId,
      'dr. Kotak Surat',
    );
    const { coveredUntil } = (
      await t.http().get(`/memberships/${membershipId}`).set('authorization', admin.bearer)
    ).body as { coveredUntil: string };
    const calendar = moveCalendar(t, addDays(coveredUntil, -80));
    try {
      const pass = await t
        .http()
        .post('/reminders/passes')
        .set('authorization', admin.bearer)
        .send({})
        .expect(201);
      expect(pass.body.sent).toEqual({ MEMBERSHIP_90: 1 });
    } finally {
      calendar.restore();
    }
    const outbox = await t
      .http()
      .get('/mail/outbox')
      .set('authorization', admin.bearer)
      .expect(200);
    expect(outbox.body.items).toEqual([
      expect.objectContaining({
        status: 'kept',
        subject: expect.stringContaining(`is covered until ${coveredUntil}`),
        body: expect.stringContaining('dr. Kotak Surat'),
        sentAt: null,
      }),
    ]);
    const registrar = await loginAs(t, 'registrar');
    expectProblem(
      await t.http().get('/mail/outbox').set('authorization', registrar.bearer),
      403,
      'forbidden',
    );
  });

  it('reminds on entering grace, after a lapse, and before a credential issued here ends: each once', async () => {
    const admin = await loginAsAdmin(t);
    const pipeline = new Pipeline(t, admin);
    const chapterId = (await pipeline.chapter()).id;
    const finance = await loginAs(t, 'finance');
    const registrar = await loginAs(t, 'registrar');
    const { doctor, membershipId } = await pipeline.memberInGoodStanding(
      finance,
      chapterId,
      'dr. Masa Tenggang',
    );
    const { coveredUntil } = (
      await t.http().get(`/memberships/${membershipId}`).set('authorization', admin.bearer)
    ).body as { coveredUntil: string };
    await makeCompetent(t, registrar, doctor.personId!);
    const certificate = (
      await t
        .http()
        .post('/credentials/issue')
        .set('authorization', registrar.bearer)
        .send({
          personId: doctor.personId,
          credentialTypeId: (await credentialTypeIds(t, registrar)).SERKOM,
        })
        .expect(201)
    ).body as { number: string; validUntil: string };
    const graceDays = (await pipeline.category('ORDINARY')).graceDays as number;
    const passOn = async (day: string) => {
      const calendar = moveCalendar(t, day);
      try {
        const first = await t
          .http()
          .post('/reminders/passes')
          .set('authorization', admin.bearer)
          .send({});
        const again = await t
          .http()
          .post('/reminders/passes')
          .set('authorization', admin.bearer)
          .send({});
        expect(again.body.sent).toEqual({});
        return first.body.sent as Record<string, number>;
      } finally {
        calendar.restore();
      }
    };
    // The other member of this file, admitted the same day, is reminded beside this one.
    expect(Object.keys(await passOn(addDays(coveredUntil, 1)))).toEqual(['MEMBERSHIP_GRACE']);
    expect(Object.keys(await passOn(addDays(coveredUntil, graceDays + 1)))).toEqual([
      'MEMBERSHIP_LAPSED',
    ]);
    expect(await passOn(addDays(certificate.validUntil, -85))).toEqual({ CREDENTIAL_90: 1 });
    const mine = await t.db.query<{ step: string }[]>(
      `SELECT s.code AS step FROM reminders_sent r JOIN reminder_steps s ON s.id = r.step_id
        WHERE r.person_id = $1 ORDER BY r.sent_on`,
      [doctor.personId],
    );
    expect(mine.map((row) => row.step)).toEqual([
      'MEMBERSHIP_GRACE',
      'MEMBERSHIP_LAPSED',
      'CREDENTIAL_90',
    ]);
    const outbox = await outboxOf(admin);
    expect(outbox.body.items.map((message: { subject: string }) => message.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('is in its grace days'),
        expect.stringContaining('has lapsed'),
        `Sertifikat Kompetensi (certificate of competence) ${certificate.number} ends on ${certificate.validUntil}`,
      ]),
    );
  });

  /** A member in good standing with no CPD credits, holding a permit begun `daysAgo` days ago. */
  const doctorWithPermit = async (name: string, daysAgo: number) => {
    const admin = await loginAsAdmin(t);
    const registrar = await loginAs(t, 'registrar');
    const pipeline = new Pipeline(t, admin);
    const chapterId = (await pipeline.chapter()).id;
    const finance = await loginAs(t, 'finance');
    const { doctor } = await pipeline.memberInGoodStanding(finance, chapterId, name);
    const permit = await recordVerifiedCredential(t, registrar, {
      personId: doctor.personId!,
      credentialTypeId: (await credentialTypeIds(t, registrar)).SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: addDays(todayIn(t), -daysAgo),
    });
    const run = () =>
      t.http().post('/reminders/passes').set('authorization', admin.bearer).send({}).expect(201);
    return { admin, permit, run };
  };

  it('tells a holder short of CPD credits a year before their permit’s cycle ends, once', async () => {
    // A five-year permit begun about four years and a half ago: its cycle ends in some 200 days.
    const { admin, permit, run } = await doctorWithPermit('dr. Kredit Kurang', 1626);
    expect((await run()).body.sent).toMatchObject({ CPD_SHORTFALL: 1 });
    expect((await run()).body.sent).toEqual({});
    const outbox = await outboxOf(admin);
    expect(outbox.body.items).toContainEqual(
      expect.objectContaining({
        subject: `Your CPD credits for SKP_SIP (${permit.number}) are short`,
        body: expect.stringContaining('dr. Kredit Kurang'),
      }),
    );
  });

  it('tells a holder whose standing was remembered on an earlier day, once their cycle comes within the year', async () => {
    // A permit whose cycle ends in some 400 days: not due yet.
    const { admin, permit, run } = await doctorWithPermit('dr. Diingat', 1426);
    const sentTo = async () =>
      ((await outboxOf(admin)).body.items as { subject: string }[]).filter((message) =>
        message.subject.includes(permit.number),
      );
    await run();
    expect(await sentTo()).toEqual([]);
    // The pass reads only holders whose cycle ends within the year; the compliance report
    // remembers everyone's standing.
    await t
      .http()
      .get('/cpd/compliance?policy=SKP_SIP')
      .set('authorization', admin.bearer)
      .set('accept', 'text/csv')
      .expect(200);
    const [remembered] = await t.db.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM cpd_remembered_standings WHERE holder_number = $1`,
      [permit.number],
    );
    expect(remembered.count).toBe(1);
    const calendar = moveCalendar(t, 40);
    try {
      await run();
      expect(await sentTo()).toEqual([
        expect.objectContaining({
          subject: `Your CPD credits for SKP_SIP (${permit.number}) are short`,
        }),
      ]);
    } finally {
      calendar.restore();
    }
  });

  it('adds steps of its own: for one credential type, in Bahasa Indonesia to those who read it', async () => {
    const admin = await loginAsAdmin(t);
    const registrar = await loginAs(t, 'registrar');
    const types = await credentialTypeIds(t, registrar);
    const steps = (body: object, as: SignedIn = admin) =>
      t.http().post('/reminders/steps').set('authorization', as.bearer).send(body);
    const step = {
      code: 'SERKOM_180',
      name: 'A certificate of competence ends in 180 days',
      itemKind: 'credential',
      trigger: 'before_end',
      days: 180,
      credentialTypeId: types.SERKOM,
      language: 'en',
      subject: 'Your certificate {item} ends on {endsOn}',
      body: 'Dear {name},\n\nyour {item} ends on {endsOn}: book the competence assessment.',
      texts: {
        id: {
          subject: 'Sertifikat {item} berakhir pada {endsOn}',
          body: 'Yth. {name},\n\n{item} berakhir pada {endsOn}: daftarkan uji kompetensi.',
        },
      },
    };
    expectProblem(await steps(step, registrar), 403, 'forbidden');
    const created = await steps(step).expect(201);
    expect(created.body).toMatchObject({ ...step, active: true, professionId: null });
    expect(
      (await auditRowsFor(t, 'reminder_step', created.body.id)).map((row) => row.action),
    ).toEqual(['reminder_step.created']);
    expect((await steps(step)).body).toMatchObject({
      status: 409,
      type: '/problems/duplicate',
      errors: [{ field: 'code', message: 'code is already taken' }],
    });
    const refused = await steps({ ...step, code: 'SERKOM_GRACE', trigger: 'grace' });
    expectProblem(refused, 422, 'reminder-step-refused');
    expect(refused.body.errors).toEqual([
      { field: 'trigger', message: expect.stringContaining("a grace reminder is a membership's") },
    ]);
    expect(
      (await steps({ ...step, code: 'SERKOM_X', credentialTypeId: randomUUID() })).body.errors,
    ).toEqual([
      { field: 'credentialTypeId', message: 'credentialTypeId names no credential type' },
    ]);
    expect(
      (await t.db.query(`SELECT code FROM reminder_steps WHERE code LIKE 'SERKOM_%'`)).length,
    ).toBe(1);

    // A code is unique within its profession: the doctors may have their own MEMBERSHIP_60,
    // changed on its own, beside the association's.
    const [{ id: doctors }] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM professions WHERE code = 'DOKTER'`,
    );
    const own = {
      code: 'MEMBERSHIP_60',
      name: "A doctor's membership ends in 60 days",
      itemKind: 'membership',
      trigger: 'before_end',
      days: 60,
      professionId: doctors,
      subject: 'Keanggotaan IDI {item} berakhir {endsOn}',
      body: 'Yth. {name}, keanggotaan Anda berakhir {endsOn}.',
    };
    await steps(own).expect(201);
    expect((await steps(own)).body).toMatchObject({
      status: 409,
      errors: [{ field: 'code', message: 'code is already taken' }],
    });
    const patched = await t
      .http()
      .patch('/reminders/steps/MEMBERSHIP_60?profession=DOKTER')
      .set('authorization', admin.bearer)
      .send({ active: false })
      .expect(200);
    expect(patched.body).toMatchObject({ professionId: doctors, active: false });
    expect(
      await t.db.query(
        `SELECT profession_id IS NULL AS association, active FROM reminder_steps
          WHERE code = 'MEMBERSHIP_60' ORDER BY 1`,
      ),
    ).toEqual([
      { association: false, active: false },
      { association: true, active: true },
    ]);
    for (const code of ['membership_60', 'X'.repeat(60)]) {
      expectProblem(
        await t
          .http()
          .patch(`/reminders/steps/${code}`)
          .set('authorization', admin.bearer)
          .send({ active: false }),
        404,
        'not-found',
      );
    }
    expectProblem(
      await t
        .http()
        .patch('/reminders/steps/MEMBERSHIP_60?profession=NOTARIS')
        .set('authorization', admin.bearer)
        .send({ active: false }),
      404,
      'not-found',
    );

    // Two holders of a SERKOM, one reading Bahasa Indonesia, and a certificate of another type.
    const other = (
      await t
        .http()
        .post('/credential-types')
        .set('authorization', admin.bearer)
        .send({
          code: 'SERTIFIKAT_LAIN',
          name: 'Sertifikat lain',
          issuerKind: 'association',
          issuingAuthority: 'Kolegium',
          validityMonths: 60,
          numberFormat: 'SL-{SEQ:5}',
        })
        .expect(201)
    ).body.id as string;
    const holders = await Promise.all(
      (['id', null] as const).map((language) =>
        newPerson(t, registrar, {
          fullName: `dr. Bahasa ${language ?? 'asal'}`,
          email: `bahasa-${language ?? 'asal'}-${randomUUID().slice(0, 8)}@example.org`,
          language,
        }),
      ),
    );
    const issued = [];
    for (const holder of holders) {
      await makeCompetent(t, registrar, holder.id);
      for (const credentialTypeId of [types.SERKOM, other]) {
        issued.push(
          (
            await t
              .http()
              .post('/credentials/issue')
              .set('authorization', registrar.bearer)
              .send({ personId: holder.id, credentialTypeId })
              .expect(201)
          ).body as { number: string; validUntil: string },
        );
      }
    }
    const calendar = moveCalendar(t, addDays(issued[0].validUntil, -150));
    try {
      await t
        .http()
        .post('/reminders/passes')
        .set('authorization', admin.bearer)
        .send({})
        .expect(201);
    } finally {
      calendar.restore();
    }
    const mails = await t.db.query<{ to: string; subject: string }[]>(
      `SELECT to_address AS to, subject FROM outbox_messages
        WHERE to_address = ANY($1) ORDER BY to_address, subject`,
      [holders.map((holder) => holder.email)],
    );
    expect(mails).toEqual([
      {
        to: holders[1].email,
        subject: `Your certificate Sertifikat Kompetensi (certificate of competence) ${issued[2].number} ends on ${issued[2].validUntil}`,
      },
      {
        to: holders[0].email,
        subject: `Sertifikat Sertifikat Kompetensi (certificate of competence) ${issued[0].number} berakhir pada ${issued[0].validUntil}`,
      },
    ]);
    await t
      .http()
      .patch('/reminders/steps/SERKOM_180')
      .set('authorization', admin.bearer)
      .send({ active: false })
      .expect(200);
  });
});

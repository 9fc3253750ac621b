import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { asBuffer } from 'test/support/binary';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { credentialTypeIds, expectProblem, recordVerifiedCredential } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';
import { pdfText } from 'test/support/pdf';

/**
 * Recommendation letters: issued only to a member in good standing with every requirement met,
 * printed with a QR code to a public page that says whether the letter is genuine and still valid.
 */
describe('recommendation letters', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let chapterId: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const page = (number: string) => t.http().get(`/letters/verify/${number}`);

  const member = (name: string) => pipeline.memberInGoodStanding(finance, chapterId, name);

  beforeAll(async () => {
    t = await createTestApp({
      settings: {
        publicBaseUrl: 'https://idi.example',
        associationName: 'Ikatan Dokter Indonesia',
      },
    });
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    chapterId = (await pipeline.chapter()).id;
  });
  afterAll(() => t.close());

  it('issues a numbered letter with a QR code to a page saying it is genuine and valid, until the member is no longer in good standing or its days run out', async () => {
    const { doctor, membershipId } = await member('dr. Siti Rekomendasi');
    const issued = await post(
      '/letters',
      { purpose: 'Practice permit (SIP) at RSUD Kupang' },
      doctor,
    ).expect(201);
    const today = todayIn(t);
    expect(issued.body).toMatchObject({
      number: expect.stringMatching(new RegExp(`^REK-${today.slice(0, 4)}-\\d{5}$`)),
      personId: doctor.personId,
      issuedOn: today,
      validUntil: addDays(today, 89),
    });
    const { number } = issued.body as { number: string };
    expect(issued.body.verifyUrl).toBe(`https://idi.example/letters/verify/${number}`);

    const pdf = await t
      .http()
      .get(`/letters/${issued.body.id}/letter.pdf`)
      .set('authorization', doctor.bearer)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer).join(' ');
    expect(text).toContain(`Number ${number}`);
    expect(text).toContain('dr. Siti Rekomendasi');
    expect(text).toContain('Practice permit (SIP) at RSUD Kupang');
    expect(text).toContain(`https://idi.example/letters/verify/${number}`);
    expect((pdf.body as Buffer).toString('latin1')).toMatch(/\/Subtype \/Image/);
    const other = await loginAs(t, 'member', 'dr. Ingin Tahu');
    expectProblem(
      await t
        .http()
        .get(`/letters/${issued.body.id}/letter.pdf`)
        .set('authorization', other.bearer),
      404,
      'not-found',
    );

    const valid = await page(number).expect(200);
    expect(valid.headers['content-type']).toMatch(/^text\/html/);
    expect(valid.text).toContain('Genuine and valid');
    expect(valid.text).toContain('dr. Siti Rekomendasi');
    const forged = await page(`REK-${today.slice(0, 4)}-99999`).expect(404);
    expect(forged.text).toContain('Not genuine');

    await post(
      `/memberships/${membershipId}/status-changes`,
      {
        status: 'suspended',
        reason: 'Suspended by the ethics council',
        suspendedUntil: addDays(today, 20),
      },
      registrar,
    ).expect(201);
    expect((await page(number).expect(200)).text).toContain('no longer valid');
    const calendar = moveCalendar(t, 95);
    try {
      expect((await page(number).expect(200)).text).toContain('expired');
    } finally {
      calendar.restore();
    }
  });

  it('refuses a letter to a member short of credits or not in good standing, naming each reason', async () => {
    const { doctor } = await member('dr. Kredit Kurang');
    const { SIP } = await credentialTypeIds(t, registrar);
    await recordVerifiedCredential(t, registrar, {
      personId: doctor.personId!,
      credentialTypeId: SIP,
      place: `Praktik ${Math.random().toString(36).slice(2, 10)}`,
      validFrom: addDays(todayIn(t), -30),
    });
    const refused = await post('/letters', { purpose: 'SIP' }, doctor);
    expectProblem(refused, 422, 'letter-refused');
    expect(refused.body.requirements).toEqual([
      expect.objectContaining({ requirement: 'cpd:SKP_SIP', met: false }),
    ]);
    const [{ n }] = await t.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM recommendation_letters WHERE person_id = $1`,
      [doctor.personId],
    );
    expect(n).toBe(0);

    const stranger = await loginAs(t, 'member', 'dr. Bukan Anggota');
    const notMember = await post('/letters', { purpose: 'SIP' }, stranger);
    expectProblem(notMember, 422, 'letter-refused');
    expect(notMember.body.detail).toContain('Not a member');
    expectProblem(
      await post('/letters', { purpose: 'SIP', personId: doctor.personId }, stranger),
      404,
      'not-found',
    );
    expectProblem(
      await post('/letters', { purpose: 'SIP', personId: doctor.personId }, finance),
      403,
      'forbidden',
    );
  });
});

import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { addDays } from 'src/common/dates';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { expectFieldErrors, expectProblem, newPerson } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/** An advocate's card is the membership: numbered with the member number, one sanction for both. */
describe('membership cards', () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let cardTypeId: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const CARD = {
    code: 'KTPA',
    name: 'Kartu Tanda Pengenal Advokat',
    issuerKind: 'association',
    issuingAuthority: 'DPN PERADI',
    membershipCard: true,
  };
  const CATEGORY = {
    code: 'ADVOKAT',
    name: 'Anggota Advokat',
    duesMinor: 1500000,
    currency: 'IDR',
    periodMonths: 12,
    graceDays: 30,
    memberNumberFormat: 'PERADI-{YYYY}-{SEQ:5}',
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
  });
  afterAll(() => t.close());

  /** A member admitted into the advocates' category (which issues the card), through the API. */
  const admitAdvocate = async (name: string) => {
    const pipeline = new Pipeline(t, admin);
    const chapter = await pipeline.chapter();
    const member = await loginAs(t, 'member', name);
    const applicationId = await pipeline.applicationUnderReview(
      finance,
      member.personId!,
      chapter.id,
      'ADVOKAT',
    );
    const approved = await post(
      `/membership-applications/${applicationId}/approve`,
      {},
      registrar,
    ).expect(200);
    return { member, membershipId: approved.body.membershipId as string };
  };

  it('makes a card only of a type issued here that carries the member number, and a category issue only a card', async () => {
    expectFieldErrors(await post('/credential-types', { ...CARD, numberFormat: 'KTPA-{SEQ:5}' }), [
      { field: 'numberFormat', message: 'numberFormat of a membership card carries {MEMBER}' },
    ]);
    expectFieldErrors(
      await post('/credential-types', {
        ...CARD,
        code: 'NOTCARD',
        membershipCard: false,
        numberFormat: 'X/{MEMBER}',
      }),
      [
        {
          field: 'numberFormat',
          message: 'numberFormat carries {MEMBER} only on a membership card',
        },
      ],
    );
    const card = await post('/credential-types', { ...CARD, numberFormat: 'KTPA/{MEMBER}' }).expect(
      201,
    );
    expect(card.body).toMatchObject({ membershipCard: true, onMembershipEnd: 'revoke' });
    cardTypeId = card.body.id;

    const types = await t.http().get('/credential-types').set('authorization', admin.bearer);
    const serkom = (types.body as { code: string; id: string }[]).find(
      (type) => type.code === 'SERKOM',
    )!;
    expectFieldErrors(
      await post('/membership-categories', { ...CATEGORY, cardCredentialTypeId: serkom.id }),
      [
        {
          field: 'cardCredentialTypeId',
          message: 'cardCredentialTypeId must be a membership card; SERKOM is not one',
        },
      ],
    );
    await post('/membership-categories', { ...CATEGORY, cardCredentialTypeId: cardTypeId }).expect(
      201,
    );

    const person = await newPerson(t, registrar, { fullName: 'Tanpa Keanggotaan' });
    expectProblem(
      await post(
        '/credentials/issue',
        { personId: person.id, credentialTypeId: cardTypeId },
        registrar,
      ),
      409,
      'issued-on-admission',
    );
  });

  it('issues the card on admission with the member number, and suspends, reinstates and ends it with the membership', async () => {
    const { member, membershipId } = await admitAdvocate('Advokat Baru Dilantik');
    const membership = (
      await t
        .http()
        .get(`/memberships/${membershipId}`)
        .set('authorization', registrar.bearer)
        .expect(200)
    ).body as { id: string; memberNumber: string; coveredUntil: string };
    const cards = await t
      .http()
      .get('/credentials')
      .query({ personId: member.personId, credentialTypeId: cardTypeId })
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(cards.body.items).toHaveLength(1);
    const card = cards.body.items[0] as { number: string; validUntil: string };
    expect(card.number).toBe(`KTPA/${membership.memberNumber}`);
    expect(card.validUntil).toBe(membership.coveredUntil);

    const publicCard = () => t.http().get(`/public/credentials/${card.number}`).expect(200);
    expect((await publicCard()).body).toMatchObject({
      status: 'active',
      holderName: 'Advokat Baru Dilantik',
    });

    const until = addDays(todayIn(t), 90);
    await post(
      `/memberships/${membership.id}/status-changes`,
      { status: 'suspended', reason: 'Suspended by the honour council', suspendedUntil: until },
      registrar,
    ).expect(201);
    expect((await publicCard()).body).toMatchObject({
      status: 'suspended',
      sanctions: [expect.objectContaining({ kind: 'suspension', until })],
    });
    await post(
      `/memberships/${membership.id}/status-changes`,
      { status: 'active', reason: 'Suspension lifted on appeal' },
      registrar,
    ).expect(201);
    expect((await publicCard()).body.status).toBe('active');
    await post(
      `/memberships/${membership.id}/status-changes`,
      { status: 'resigned', reason: 'Left the profession' },
      registrar,
    ).expect(201);
    expect((await publicCard()).body.status).toBe('revoked');
  });

  it('gives a member who comes back their card again, under the same number, history kept', async () => {
    const { member, membershipId } = await admitAdvocate('Advokat Kembali');
    await post(
      `/memberships/${membershipId}/status-changes`,
      { status: 'resigned', reason: 'Took a post in government' },
      registrar,
    ).expect(201);
    const cardOf = async () =>
      (
        await t
          .http()
          .get('/credentials')
          .query({ personId: member.personId, credentialTypeId: cardTypeId })
          .set('authorization', registrar.bearer)
          .expect(200)
      ).body.items as {
        number: string;
        status: string;
        validUntil: string;
        events: { event: string }[];
        periods: { validFrom: string; validUntil: string }[];
      }[];
    const [ended] = await cardOf();
    expect(ended.status).toBe('revoked');

    // Back two months later, in another chapter.
    const later = moveCalendar(t, 60);
    try {
      const pipeline = new Pipeline(t, admin);
      const chapter = await pipeline.chapter();
      const applicationId = await pipeline.applicationUnderReview(
        finance,
        member.personId!,
        chapter.id,
        'ADVOKAT',
      );
      await post(`/membership-applications/${applicationId}/approve`, {}, registrar).expect(200);
      const membership = await t
        .http()
        .get(`/memberships/${membershipId}`)
        .set('authorization', registrar.bearer)
        .expect(200);
      const cards = await cardOf();
      expect(cards).toHaveLength(1);
      expect(cards[0]).toMatchObject({
        number: ended.number,
        status: 'active',
        validUntil: membership.body.coveredUntil,
      });
      expect(cards[0].number).toBe(`KTPA/${membership.body.memberNumber}`);
      expect(cards[0].events.map((e) => e.event)).toEqual(['issued', 'revoked', 'reinstated']);
      expect(cards[0].periods.map((p) => p.validFrom)).toContain(later.today);
      // The card counts its periods: a CPD cycle is read from the one a day falls in.
      const [{ periodCount }] = await t.db.query<{ periodCount: number }[]>(
        `SELECT period_count AS "periodCount" FROM credentials WHERE number = $1`,
        [ended.number],
      );
      expect(periodCount).toBe(cards[0].periods.length);
      expect(periodCount).toBeGreaterThan(1);
      const publicCard = await t.http().get(`/public/credentials/${ended.number}`).expect(200);
      expect(publicCard.body.status).toBe('active');
    } finally {
      later.restore();
    }
  });

  it('stays valid as far as the membership is covered when dues are paid', async () => {
    const { member, membershipId } = await admitAdvocate('Advokat Membayar Iuran');
    const id = membershipId;
    const pipeline = new Pipeline(t, admin);
    await pipeline.age(id, 365 + 10);
    await post('/memberships/status-runs', {}).expect(201);
    const read = async () =>
      (await t.http().get(`/memberships/${id}`).set('authorization', registrar.bearer).expect(200))
        .body as { coveredUntil: string; periods: { invoiceId: string }[] };
    for (const period of (await read()).periods) await pipeline.pay(finance, period.invoiceId);
    const { coveredUntil } = await read();
    const card = await t
      .http()
      .get('/credentials')
      .query({ personId: member.personId, credentialTypeId: cardTypeId })
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(card.body.items[0].validUntil).toBe(coveredUntil);
  });
});

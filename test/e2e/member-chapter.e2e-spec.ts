import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { Pipeline } from 'test/support/membership';

/**
 * A member's chapter is one truth, in one place: their membership's (before admission, their open
 * application's). Numbers with {CHAPTER}, the public search, the people search, the person record
 * and staff scopes all read that one, and a readmission in another chapter moves it for all.
 */
describe("a member's chapter, read alike everywhere", () => {
  let t: TestApp;
  let admin: SignedIn;
  let registrar: SignedIn;
  let finance: SignedIn;
  let pipeline: Pipeline;
  let typeId: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    registrar = await loginAs(t, 'registrar');
    finance = await loginAs(t, 'finance');
    pipeline = new Pipeline(t, admin);
    typeId = (
      await post('/credential-types', {
        code: 'KTA_CABANG',
        name: 'Kartu anggota cabang',
        issuerKind: 'association',
        issuingAuthority: 'IDI',
        numberFormat: '{CHAPTER}-{SEQ:4}',
      }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('numbers, finds and scopes a member admitted in Jakarta by the chapter of their membership', async () => {
    const jakarta = await pipeline.chapter();
    const member = await loginAs(t, 'member', 'dr. Anggota Cabang Jakarta');
    const membershipId = await pipeline.admitted(finance, member, jakarta.id);
    const personId = member.personId!;

    const issued = await post(
      '/credentials/issue',
      { personId, credentialTypeId: typeId },
      registrar,
    );
    expect(issued.status).toBe(201);
    expect(issued.body.number).toBe(`${jakarta.code}-0001`);

    expect((await get(`/people/${personId}`, registrar).expect(200)).body.chapterId).toBe(
      jakarta.id,
    );
    const inChapter = await get(`/people?chapterId=${jakarta.id}`, registrar).expect(200);
    expect(inChapter.body.items.map((person: { id: string }) => person.id)).toEqual([personId]);

    const found = await t
      .http()
      .get('/public/credentials')
      .query({ name: 'anggota cabang jakarta', chapter: jakarta.code })
      .expect(200);
    expect(found.body.items.map((item: { number: string }) => item.number)).toContain(
      issued.body.number,
    );

    const jakartaDesk = await loginAs(t, 'registrar', 'Registrar Jakarta', {
      chapterId: jakarta.id,
    });
    await get(`/people/${personId}`, jakartaDesk).expect(200);
    const elsewhere = await pipeline.chapter();
    const otherDesk = await loginAs(t, 'registrar', 'Registrar Lain', { chapterId: elsewhere.id });
    await get(`/people/${personId}`, otherDesk).expect(404);

    // Resigned and readmitted in another chapter: every reader follows the membership.
    await post(
      `/memberships/${membershipId}/status-changes`,
      { status: 'resigned', reason: 'Moving to another city' },
      member,
    ).expect(201);
    const application = await pipeline.applicationUnderReview(finance, personId, elsewhere.id);
    await post(`/membership-applications/${application}/approve`, {}, registrar).expect(200);
    expect((await get(`/people/${personId}`, registrar).expect(200)).body.chapterId).toBe(
      elsewhere.id,
    );
    await get(`/people/${personId}`, otherDesk).expect(200);
    const again = await post(
      '/credentials/issue',
      { personId, credentialTypeId: typeId },
      registrar,
    );
    expect(again.body.number).toBe(`${elsewhere.code}-0001`);
    const moved = await t
      .http()
      .get('/public/credentials')
      .query({ name: 'anggota cabang jakarta', chapter: elsewhere.code })
      .expect(200);
    expect(moved.body.items.map((item: { number: string }) => item.number)).toEqual(
      expect.arrayContaining([issued.body.number, again.body.number]),
    );
    const before = await t
      .http()
      .get('/public/credentials')
      .query({ name: 'anggota cabang jakarta', chapter: jakarta.code })
      .expect(200);
    expect(before.body.items).toEqual([]);
  });
});

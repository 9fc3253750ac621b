import { addDays } from 'src/common/dates';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { todayIn } from 'test/support/calendar';
import { credentialTypeIds, expectProblem, newPerson } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

/**
 * A member who names another person (`personId`) in a request is answered one way on every
 * route: 404, exactly as for a person who does not exist, and nothing is written. Never 403
 * (which says the person exists), never silently their own record instead.
 */
describe('a member naming another person', () => {
  let t: TestApp;
  let admin: SignedIn;
  let member: SignedIn;
  let other: string;
  const post = poster(
    () => t,
    () => admin,
  );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    member = await loginAs(t, 'member', 'dr. Ingin Tahu');
    other = (await newPerson(t, admin, { fullName: 'Orang Lain Sekali' })).id;
  });
  afterAll(() => t.close());

  it('is answered 404 on every route that takes a personId, and nothing is kept', async () => {
    const today = todayIn(t);
    const pipeline = new Pipeline(t, admin);
    const chapterId = (await pipeline.chapter()).id;
    const { STR } = await credentialTypeIds(t, admin);
    const code = (await t.http().get('/ethics/codes/current').expect(200)).body;
    const institution = await post('/institutions', { name: 'Universitas Satu', country: 'ID' });
    const program = await post('/volunteering/programs', {
      title: 'Bakti Sosial Terbuka',
      description: 'Free check-ups',
      cause: 'Rural health',
      chapterId,
      place: 'Waingapu',
      startsOn: today,
      endsOn: addDays(today, 30),
      openTo: 'anyone',
    }).expect(201);
    const category = await pipeline.category('ORDINARY');
    const rows = async () =>
      (
        await t.db.query<{ n: number }[]>(
          `SELECT ((SELECT count(*) FROM credentials WHERE person_id = $1)
                + (SELECT count(*) FROM cpd_claims WHERE person_id = $1)
                + (SELECT count(*) FROM qualifications WHERE person_id = $1)
                + (SELECT count(*) FROM membership_applications WHERE person_id = $1)
                + (SELECT count(*) FROM ethics_pledges WHERE person_id = $1)
                + (SELECT count(*) FROM volunteers WHERE person_id = $1))::int AS n`,
          [other],
        )
      )[0].n;
    const requests: [string, object][] = [
      [
        '/credentials/record',
        { credentialTypeId: STR, number: 'STR-ORANG-LAIN', validFrom: '2020-01-02' },
      ],
      [
        '/cpd/claims',
        { title: 'Seminar', domain: 'learning', category: 'seminar', earnedOn: today, credits: 2 },
      ],
      [
        '/qualifications',
        {
          institutionId: institution.body.id,
          degree: 'Dokter',
          field: 'Kedokteran',
          graduationDate: '2015-08-29',
          diplomaNumber: 'D-ORANG-LAIN',
        },
      ],
      ['/membership-applications', { categoryId: category.id, chapterId }],
      ['/ethics/pledges', { codeVersionId: code.id }],
      [`/volunteering/programs/${program.body.id}/volunteers`, {}],
    ];
    for (const [path, body] of requests) {
      const answer = await post(path, { ...body, personId: other }, member);
      expectProblem(answer, 404, 'not-found');
      expect({ path, detail: answer.body.detail }).toEqual({
        path,
        detail: expect.stringContaining(other),
      });
    }
    expect(await rows()).toBe(0);
    // Their own person, named or not, is theirs.
    await post(
      `/volunteering/programs/${program.body.id}/volunteers`,
      { personId: member.personId },
      member,
    ).expect(201);
  });
});

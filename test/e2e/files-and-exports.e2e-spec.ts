import { addDays } from 'src/common/dates';
import { DUTIES, SCOPED_DUTIES, type Duty } from 'src/auth/duties';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { todayIn } from 'test/support/calendar';
import { caseHeard } from 'test/support/cases';
import { issueCredential } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** A route that serves a file or an export, with what it is asked as. */
interface FileRoute {
  path: string;
  accept: string;
  /** The route's area, as its OpenAPI operation names it, and whether its owner reads it too. */
  duty: Duty;
  self: boolean;
}

/**
 * Every route that serves a file or an export (evidence, certificates, letters, CSV reports,
 * imports), with real records behind it, for every role, a member who owns the record and one
 * who does not, and a registrar scoped to another chapter: those the duties table admits get the
 * file, everyone else is refused and gets no byte of it.
 */
describe('files and exports, for every role', () => {
  let t: TestApp;
  let admin: SignedIn;
  const callers = new Map<string, SignedIn | null>();
  const routes: FileRoute[] = [];
  let owner: SignedIn;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  const upload = (path: string, as: SignedIn) =>
    t.http().post(path).set('authorization', as.bearer).attach('file', PDF, 'file.pdf');

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    const pipeline = new Pipeline(t, admin);
    const jakarta = (await pipeline.chapter('JKT')).id;
    const surabaya = (await pipeline.chapter('SBY')).id;
    const finance = await loginAs(t, 'finance');
    const registrar = await loginAs(t, 'registrar');
    const officer = await loginAs(t, 'ethics_officer');
    const cpdOfficer = await loginAs(t, 'cpd_officer');
    const coordinator = await loginAs(t, 'volunteer_coordinator');
    const { doctor, membershipId } = await pipeline.memberInGoodStanding(
      finance,
      jakarta,
      'dr. Berkas',
    );
    owner = doctor;
    const personId = doctor.personId!;
    const today = todayIn(t);

    // A record of each kind that serves a file, each the member's.
    const [verified] = (await get(`/qualifications?personId=${personId}`, admin).expect(200)).body
      .items;
    const qualification = await post(
      '/qualifications',
      {
        institutionId: verified.institution.id,
        degree: 'Spesialis',
        field: 'Penyakit Dalam',
        graduationDate: '2020-08-29',
        diplomaNumber: 'SP-BERKAS-1',
      },
      doctor,
    ).expect(201);
    const diploma = await upload(
      `/qualifications/${qualification.body.id}/evidence`,
      doctor,
    ).expect(201);
    const certificate = await issueCredential(t, registrar, personId);
    const claim = await post(
      '/cpd/claims',
      { title: 'Seminar', domain: 'learning', category: 'seminar', earnedOn: today, credits: 2 },
      doctor,
    ).expect(201);
    const claimFile = await upload(`/cpd/claims/${claim.body.id}/evidence`, doctor).expect(201);
    const letter = await post('/letters', { purpose: 'Practice permit' }, doctor).expect(201);
    const program = await post(
      '/volunteering/programs',
      {
        title: 'Bakti Sosial Berkas',
        description: 'Check-ups',
        cause: 'Rural health',
        chapterId: jakarta,
        place: 'Waingapu',
        startsOn: addDays(today, -5),
        endsOn: addDays(today, 30),
        openTo: 'anyone',
      },
      coordinator,
    ).expect(201);
    const volunteer = await post(
      `/volunteering/programs/${program.body.id}/volunteers`,
      {},
      doctor,
    ).expect(201);
    await post(
      `/volunteering/volunteers/${volunteer.body.id}/decision`,
      { decision: 'approved' },
      coordinator,
    ).expect(201);
    const hours = await post(
      `/volunteering/volunteers/${volunteer.body.id}/hours`,
      { workedOn: today, hours: 4 },
      doctor,
    ).expect(201);
    await post(
      `/volunteering/hours/${hours.body.id}/decision`,
      { decision: 'approved' },
      coordinator,
    ).expect(201);
    const { memberNumber } = (await get(`/memberships/${membershipId}`, admin).expect(200)).body;
    const caseId = await caseHeard(t, admin, officer, memberNumber);
    const caseFile = await upload(`/cases/${caseId}/documents`, officer).expect(201);
    const imported = await t
      .http()
      .post('/memberships/imports?dryRun=true')
      .set('authorization', admin.bearer)
      .set('content-type', 'text/csv')
      .send(
        'full_name,national_id,chapter_code,category_code,member_since,covered_until\r\n' +
          'Anggota Uji,3171000000008001,JKT,ORDINARY,2019-03-01,2099-12-31\r\n',
      )
      .expect(200);

    const { body: document } = await t.http().get('/openapi.json').expect(200);
    const route = (path: string, template: string, accept: string) => {
      const operation = document.paths[template].get as { 'x-duty': Duty; 'x-self'?: boolean };
      routes.push({ path, accept, duty: operation['x-duty'], self: operation['x-self'] ?? false });
    };
    route(`/evidence/${diploma.body.id}/content`, '/evidence/{id}/content', 'application/pdf');
    route(
      `/credentials/${certificate.id}/certificate.pdf`,
      '/credentials/{id}/certificate.pdf',
      'application/pdf',
    );
    route(
      `/cpd/claims/${claim.body.id}/evidence/${claimFile.body.id}/content`,
      '/cpd/claims/{id}/evidence/{documentId}/content',
      'application/pdf',
    );
    route(`/letters/${letter.body.id}/letter.pdf`, '/letters/{id}/letter.pdf', 'application/pdf');
    route(
      `/volunteering/volunteers/${volunteer.body.id}/certificate.pdf`,
      '/volunteering/volunteers/{id}/certificate.pdf',
      'application/pdf',
    );
    route(
      `/cases/${caseId}/documents/${caseFile.body.id}/content`,
      '/cases/{id}/documents/{documentId}/content',
      'application/pdf',
    );
    route(`/cpd/transcript?personId=${personId}`, '/cpd/transcript', 'text/csv');
    route('/memberships/reports/register.csv', '/memberships/reports/register.csv', 'text/csv');
    route('/memberships/reports/upcoming', '/memberships/reports/upcoming', 'text/csv');
    route('/volunteering/reports/hours?by=person', '/volunteering/reports/hours', 'text/csv');
    route('/cpd/compliance?policy=SKP_SIP', '/cpd/compliance', 'text/csv');
    route('/memberships/imports', '/memberships/imports', 'application/json');
    route(
      `/memberships/imports/${imported.body.id}`,
      '/memberships/imports/{id}',
      'application/json',
    );

    callers.set('anonymous', null);
    callers.set('admin', admin);
    callers.set('registrar', registrar);
    callers.set('finance', finance);
    // The ethics officer is the one assigned to the case: a case's files are its officers'.
    callers.set('ethics_officer', officer);
    callers.set('cpd_officer', cpdOfficer);
    callers.set('volunteer_coordinator', coordinator);
    callers.set('owner', doctor);
    callers.set('another member', await loginAs(t, 'member', 'dr. Orang Lain'));
    callers.set(
      'registrar of another chapter',
      await loginAs(t, 'registrar', 'Registrar Surabaya', { chapterId: surabaya }),
    );
  });
  afterAll(() => t.close());

  /** Whether the duties table lets this caller have this file. */
  const admits = (caller: string, route: FileRoute): boolean => {
    const roles: readonly string[] = DUTIES[route.duty];
    if (caller === 'owner') return route.self || roles.includes('member');
    if (caller === 'registrar of another chapter') {
      // Scoped to a chapter the member is not in: only files of no one's record, and of imports
      // only the list of its own.
      return (
        SCOPED_DUTIES.includes(route.duty) &&
        roles.includes('registrar') &&
        !route.path.includes(owner.personId!) &&
        !/\/(evidence|credentials|letters|volunteering\/volunteers|cases|memberships\/imports)\//.test(
          route.path,
        )
      );
    }
    return roles.includes(caller);
  };

  it('serves each file to those the duties table names, and no byte of it to anyone else', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      for (const [caller, who] of callers) {
        const request = t.http().get(route.path).set('accept', route.accept);
        const answer = who ? await request.set('authorization', who.bearer) : await request;
        const served = answer.status === 200;
        if (served !== admits(caller, route)) {
          wrong.push(`${route.path} as ${caller}: ${answer.status}`);
        } else if (!served && !/^application\/problem\+json/.test(answer.type ?? '')) {
          wrong.push(`${route.path} as ${caller}: ${answer.status} ${answer.type}, not a problem`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { credentialTypeIds, newPerson } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** The records one person has in every area a scoped account works in. */
interface Records {
  personId: string;
  ids: string[];
}

/**
 * Every route, for staff accounts scoped to a profession and to a chapter, against the records of
 * a person inside the scope and of one outside it: a route named with an outside record's id
 * never answers 2xx, no 2xx answer (a list asked for an outside person) carries an outside
 * record, and the inside records are read.
 */
describe('authorization matrix of scoped accounts: records inside and outside the scope', () => {
  let t: TestApp;
  let admin: SignedIn;
  const scoped = new Map<string, { who: SignedIn; outside: Records }>();
  let inside: Records;
  const post = poster(
    () => t,
    () => admin,
  );

  /** A person with an application, a qualification and its diploma, and a licence recorded. */
  const personWithRecords = async (
    fullName: string,
    category: string,
    chapterId: string,
    licenceTypeId: string,
    pipeline: Pipeline,
  ): Promise<Records> => {
    const person = await newPerson(t, admin, { fullName });
    const application = await post('/membership-applications', {
      personId: person.id,
      categoryId: (await pipeline.category(category)).id,
      chapterId,
    }).expect(201);
    const institution = await post('/institutions', {
      name: `Universitas ${fullName}`,
      country: 'ID',
    }).expect(201);
    const qualification = await post('/qualifications', {
      personId: person.id,
      institutionId: institution.body.id,
      degree: 'Sarjana',
      field: 'Studi',
      graduationDate: '2015-08-29',
      diplomaNumber: `D-${person.id.slice(0, 8)}`,
    }).expect(201);
    const diploma = await t
      .http()
      .post(`/qualifications/${qualification.body.id}/evidence`)
      .set('authorization', admin.bearer)
      .attach('file', PDF, 'diploma.pdf')
      .expect(201);
    const licence = await post('/credentials/record', {
      personId: person.id,
      credentialTypeId: licenceTypeId,
      number: `L-${person.id.slice(0, 8)}`,
      validFrom: '2020-01-02',
    }).expect(201);
    return {
      personId: person.id,
      ids: [
        person.id,
        application.body.id,
        ...(application.body.feeInvoiceId ? [application.body.feeInvoiceId] : []),
        qualification.body.id,
        diploma.body.id,
        licence.body.id,
      ],
    };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    const pipeline = new Pipeline(t, admin);
    await post('/seed-packs/peradi/load', {}).expect(200);
    const jakarta = (await pipeline.chapter('JKT')).id;
    const surabaya = (await pipeline.chapter('SBY')).id;
    const [doctors] = await t.db.query<{ id: string }[]>(
      `SELECT id FROM professions WHERE code = 'DOKTER'`,
    );
    const { STR, MAGANG } = await credentialTypeIds(t, admin);
    inside = await personWithRecords('Dokter Jakarta', 'ORDINARY', jakarta, STR, pipeline);
    const otherChapter = await personWithRecords(
      'Dokter Surabaya',
      'ORDINARY',
      surabaya,
      STR,
      pipeline,
    );
    const otherProfession = await personWithRecords(
      'Advokat Jakarta',
      'ADVOKAT',
      jakarta,
      MAGANG,
      pipeline,
    );
    for (const role of ['registrar', 'finance', 'ethics_officer'] as const) {
      scoped.set(`${role} of the doctors`, {
        who: await loginAs(t, role, `${role} DOKTER`, { professionId: doctors.id }),
        outside: otherProfession,
      });
      scoped.set(`${role} of Jakarta`, {
        who: await loginAs(t, role, `${role} JKT`, { chapterId: jakarta }),
        outside: otherChapter,
      });
    }
  });
  afterAll(() => t.close());

  it('never answers 2xx for a record outside the scope, nor lets one into an answer', async () => {
    const { body: document } = await t.http().get('/openapi.json').expect(200);
    const leaks: string[] = [];
    let checked = 0;
    for (const [path, item] of Object.entries(document.paths as Record<string, object>)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const method of Object.keys(item)) {
        const writes = ['post', 'put', 'patch', 'delete'].includes(method);
        for (const [caller, { who, outside }] of scoped) {
          // Each outside record in each path parameter; a route without one is asked for the
          // outside person (a list), and must leave them out.
          const urls = params.length
            ? outside.ids.map((id) => path.replace(/\{(\w+)\}/g, id))
            : [`${path}?personId=${outside.personId}`];
          for (const url of urls) {
            if (writes && !params.length) continue;
            const request = t.http()[method as 'get'](url).set('authorization', who.bearer);
            const response = writes ? await request.send({}) : await request;
            checked++;
            const said = `${method.toUpperCase()} ${url} as ${caller}: ${response.status}`;
            if (params.length && response.status < 300) leaks.push(said);
            if (
              response.status < 300 &&
              outside.ids.some((id) => (response.text ?? '').includes(id))
            ) {
              leaks.push(`an outside record in the answer: ${said}`);
            }
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
  });

  it('reads the records inside the scope', async () => {
    const [personId, applicationId, ...rest] = inside.ids;
    const [qualificationId, diplomaId, licenceId] = rest.slice(-3);
    for (const [caller, { who }] of scoped) {
      if (!caller.startsWith('registrar')) continue;
      for (const path of [
        `/people/${personId}`,
        `/membership-applications/${applicationId}`,
        `/qualifications/${qualificationId}`,
        `/evidence/${diplomaId}`,
        `/credentials/${licenceId}`,
      ]) {
        const answer = await t.http().get(path).set('authorization', who.bearer);
        expect({ caller, path, status: answer.status }).toEqual({ caller, path, status: 200 });
      }
    }
  });
});

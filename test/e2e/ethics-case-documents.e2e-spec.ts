import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin, poster, type SignedIn } from 'test/support/actors';
import { expectProblem } from 'test/support/factories';
import { Pipeline } from 'test/support/membership';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * A case's documents: the complainant sends evidence with the key of their receipt, officers add
 * their own, and only the officers on the case and admins read them. A complaint that named the
 * professional by name alone is matched to a person record later.
 */
describe('ethics cases: documents and matching the respondent', () => {
  let t: TestApp;
  let admin: SignedIn;
  let officer: SignedIn;
  let otherOfficer: SignedIn;
  let registrar: SignedIn;
  let doctor: SignedIn;
  let memberNumber: string;

  const post = poster(
    () => t,
    () => admin,
  );
  const get = (path: string, as: SignedIn) => t.http().get(path).set('authorization', as.bearer);
  const documentsCount = async () =>
    (
      await t.db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM evidence_documents WHERE subject_type = 'ethics_case'`,
      )
    )[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAsAdmin(t);
    officer = await loginAs(t, 'ethics_officer', 'Officer On The Case');
    otherOfficer = await loginAs(t, 'ethics_officer', 'Officer Elsewhere');
    registrar = await loginAs(t, 'registrar');
    const finance = await loginAs(t, 'finance');
    doctor = await loginAs(t, 'member', 'dr. Berkas');
    const pipeline = new Pipeline(t, admin);
    const chapter = await pipeline.chapter();
    const membershipId = await pipeline.admitted(finance, doctor, chapter.id);
    memberNumber = (await get(`/memberships/${membershipId}`, admin).expect(200)).body
      .memberNumber as string;
  });
  afterAll(() => t.close());

  const lodge = async () => {
    const lodged = await t
      .http()
      .post('/cases/complaints')
      .send({
        complainant: { name: 'Keluarga pasien', email: 'keluarga@example.org' },
        respondent: { memberNumber },
        whatHappened: 'Operated without consent',
      })
      .expect(201);
    const [row] = await t.db.query<{ id: string }[]>(
      `SELECT c.id FROM ethics_cases c JOIN complaints p ON p.id = c.complaint_id
        WHERE p.reference = $1`,
      [lodged.body.reference],
    );
    await post(`/cases/${row.id}/assignments`, { accountId: officer.accountId }).expect(201);
    return {
      caseId: row.id,
      reference: lodged.body.reference as string,
      key: lodged.body.evidenceKey as string,
      url: lodged.body.evidenceUrl as string,
    };
  };
  const send = (url: string, key: string | null, file = PDF, name = 'foto.pdf') => {
    const request = t.http().post(url);
    if (key !== null) request.set('complaint-key', key);
    return request.attach('file', file, name);
  };

  it("takes the complainant's evidence with the receipt's key, and refuses anyone without it alike", async () => {
    const { caseId, reference, key, url } = await lodge();
    expect(url).toBe(`/cases/complaints/${reference}/evidence`);
    expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const sent = await send(url, key, PDF, 'surat dokter.pdf').expect(201);
    expect(sent.body).toMatchObject({
      subjectType: 'ethics_case',
      subjectId: caseId,
      fileName: 'surat dokter.pdf',
      mediaType: 'application/pdf',
      downloadUrl: `/cases/${caseId}/documents/${sent.body.id}/content`,
    });

    const before = await documentsCount();
    for (const refused of [
      await send(url, 'not-the-key'),
      await send(url, null),
      await send('/cases/complaints/ADU-00000000/evidence', key),
      await send(`/cases/complaints/${'X'.repeat(30)}/evidence`, key),
    ]) {
      expectProblem(refused, 404, 'not-found');
    }
    const nul = await send(`/cases/complaints/${encodeURIComponent('ADU-\0')}/evidence`, key);
    expectProblem(nul, 400, 'validation-failed');
    expect(nul.body.errors).toEqual([
      { field: 'reference', message: 'reference must not contain a NUL character' },
    ]);
    expectProblem(
      await send(url, key, Buffer.from('MZ not a document'), 'x.exe'),
      415,
      'unsupported-media-type',
    );
    expect(await documentsCount()).toBe(before);

    // The officer on the case reads it; the timeline keeps it from the respondent.
    const listed = await get(`/cases/${caseId}/documents`, officer).expect(200);
    expect(listed.body.map((document: { id: string }) => document.id)).toEqual([sent.body.id]);
    const content = await get(sent.body.downloadUrl, officer)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(content.body as Buffer, PDF)).toBe(0);
    const staffView = (await get(`/cases/${caseId}`, officer).expect(200)).body;
    expect(staffView.timeline.at(-1)).toMatchObject({
      kind: 'document',
      text: 'From the complainant: surat dokter.pdf',
      confidential: true,
    });
    const respondentView = (await get(`/cases/${caseId}`, doctor).expect(200)).body;
    expect(respondentView.timeline.map((event: { kind: string }) => event.kind)).not.toContain(
      'document',
    );

    // Nobody else reads the case's documents, not even through the evidence routes.
    await get(`/cases/${caseId}/documents`, otherOfficer).expect(404);
    await get(sent.body.downloadUrl, otherOfficer).expect(404);
    expectProblem(await get(`/cases/${caseId}/documents`, registrar), 403, 'forbidden');
    expectProblem(await get(`/cases/${caseId}/documents`, doctor), 403, 'forbidden');
    expectProblem(await get(`/evidence/${sent.body.id}`, registrar), 404, 'not-found');
    expectProblem(await get(`/evidence/${sent.body.id}/content`, doctor), 404, 'not-found');
  });

  it('takes up to ten files from the complainant, and none once the case is closed', async () => {
    const { caseId, url, key } = await lodge();
    for (let file = 1; file <= 10; file++) {
      await send(url, key, PNG, `foto-${file}.png`).expect(201);
    }
    const full = await send(url, key, PNG, 'foto-11.png');
    expectProblem(full, 409, 'complaint-evidence-full');
    // Officers still add theirs.
    await t
      .http()
      .post(`/cases/${caseId}/documents`)
      .set('authorization', officer.bearer)
      .attach('file', PDF, 'notulen.pdf')
      .expect(201);

    const closed = await lodge();
    for (const [to, reason] of [
      ['screening', 'Screened'],
      ['dismissed', 'Outside the honour council'],
    ]) {
      await post(`/cases/${closed.caseId}/moves`, { to, reason }, officer).expect(201);
    }
    const before = await documentsCount();
    expectProblem(await send(closed.url, closed.key), 409, 'case-closed');
    const late = await t
      .http()
      .post(`/cases/${closed.caseId}/documents`)
      .set('authorization', officer.bearer)
      .attach('file', PDF, 'late.pdf');
    expectProblem(late, 409, 'case-closed');
    expect(await documentsCount()).toBe(before);
  });

  it('matches a complaint that named the professional by name alone, once, on the timeline', async () => {
    const lodged = await post(
      '/cases/complaints/on-behalf',
      {
        complainant: { name: 'Ibu Sari' },
        respondent: { name: 'dr. Berkas' },
        whatHappened: 'Refused an emergency patient',
      },
      officer,
    ).expect(201);
    const [row] = await t.db.query<{ id: string }[]>(
      `SELECT c.id FROM ethics_cases c JOIN complaints p ON p.id = c.complaint_id
        WHERE p.reference = $1`,
      [lodged.body.reference],
    );
    const caseId = row.id;
    await post(`/cases/${caseId}/assignments`, { accountId: officer.accountId }).expect(201);
    // Until matched, the doctor does not see the case.
    await get(`/cases/${caseId}`, doctor).expect(404);

    const unknown = await post(
      `/cases/${caseId}/respondent`,
      { personId: '00000000-0000-4000-8000-000000000000', reason: 'By name' },
      officer,
    );
    expectProblem(unknown, 422, 'person-not-found');
    expect(unknown.body.errors).toEqual([
      { field: 'personId', message: 'personId names no person record' },
    ]);
    expectProblem(
      await post(`/cases/${caseId}/respondent`, { personId: doctor.personId }, officer),
      400,
      'validation-failed',
    );
    await post(
      `/cases/${caseId}/respondent`,
      { personId: doctor.personId, reason: 'By name' },
      otherOfficer,
    ).expect(404);

    const matched = await post(
      `/cases/${caseId}/respondent`,
      { personId: doctor.personId, reason: 'Same name, chapter and practice address' },
      officer,
    ).expect(201);
    expect(matched.body.respondentPersonId).toBe(doctor.personId);
    expect(matched.body.timeline.at(-1)).toMatchObject({
      kind: 'matched',
      text: 'Same name, chapter and practice address',
      confidential: true,
    });
    const audit = await t.db.query<{ after: { respondentPersonId: string } }[]>(
      `SELECT after FROM audit_events WHERE action = 'ethics_case.respondent_matched' AND entity_id = $1`,
      [caseId],
    );
    expect(audit.map((entry) => entry.after.respondentPersonId)).toEqual([doctor.personId]);
    // Now the respondent reads the case of their own, and answers it.
    await get(`/cases/${caseId}`, doctor).expect(200);

    const again = await post(
      `/cases/${caseId}/respondent`,
      { personId: admin.personId ?? doctor.personId, reason: 'Again' },
      officer,
    );
    expectProblem(again, 409, 'respondent-already-matched');
  });
});

import { createHash } from 'node:crypto';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, type SignedIn } from 'test/support/actors';
import { asBuffer } from 'test/support/binary';
import { auditRowsFor, expectFieldErrors, expectProblem } from 'test/support/factories';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]);
const MAX_BYTES = 64 * 1024;

describe('evidence documents', () => {
  let t: TestApp;
  let registrar: SignedIn;
  let owner: SignedIn;
  let qualificationId: string;

  beforeAll(async () => {
    t = await createTestApp({ settings: { evidenceMaxBytes: MAX_BYTES } });
    registrar = await loginAs(t, 'registrar');
    owner = await loginAs(t, 'member');
    const institution = await t
      .http()
      .post('/institutions')
      .set('authorization', registrar.bearer)
      .send({ name: 'Universitas Gadjah Mada', country: 'ID' })
      .expect(201);
    const qualification = await t
      .http()
      .post('/qualifications')
      .set('authorization', owner.bearer)
      .send({
        institutionId: institution.body.id,
        degree: 'Dokter (dr.)',
        field: 'Kedokteran',
        graduationDate: '2012-10-20',
        diplomaNumber: 'UGM-2012-0042',
      })
      .expect(201);
    qualificationId = qualification.body.id;
  });
  afterAll(() => t.close());

  const upload = (
    by: SignedIn,
    data: Buffer,
    fileName: string,
    contentType = 'application/octet-stream',
  ) =>
    t
      .http()
      .post(`/qualifications/${qualificationId}/evidence`)
      .set('authorization', by.bearer)
      .attach('file', data, { filename: fileName, contentType });

  it('stores a PDF, JPEG or PNG with its type read from the content and its SHA-256', async () => {
    for (const [data, name, type] of [
      [PDF, 'ijazah.pdf', 'application/pdf'],
      [PNG, 'scan.png', 'image/png'],
      [JPEG, 'photo.jpg', 'image/jpeg'],
    ] as const) {
      const response = await upload(owner, data, name).expect(201);
      expect(response.body).toMatchObject({
        subjectType: 'qualification',
        subjectId: qualificationId,
        fileName: name,
        mediaType: type,
        sizeBytes: data.length,
        sha256: createHash('sha256').update(data).digest('hex'),
      });
    }
    const listed = await t
      .http()
      .get(`/qualifications/${qualificationId}/evidence`)
      .set('authorization', registrar.bearer)
      .expect(200);
    expect(listed.body.map((e: { fileName: string }) => e.fileName)).toEqual([
      'ijazah.pdf',
      'scan.png',
      'photo.jpg',
    ]);
    const audit = await auditRowsFor(t, 'qualification', qualificationId);
    expect(audit.filter((r) => r.action === 'evidence.attached')).toHaveLength(3);
  });

  it('refuses a file that is not what its name says (415), and stores nothing', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS count FROM evidence_documents`);
    const files = await readdir(`${t.settings.evidenceDir}/qualification`);
    const response = await upload(
      owner,
      Buffer.from('<html><script>alert(1)</script></html>'),
      'diploma.pdf',
      'application/pdf',
    );
    expectProblem(response, 415, 'unsupported-media-type');
    expect(await t.db.query(`SELECT count(*)::int AS count FROM evidence_documents`)).toEqual(
      before,
    );
    expect(await readdir(`${t.settings.evidenceDir}/qualification`)).toEqual(files);
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]);
    expectProblem(await upload(owner, big, 'huge.pdf'), 413, 'payload-too-large');
  });

  it('needs multipart with one `file` field, and refuses anything else rather than dropping it', async () => {
    const evidence = () => t.db.query(`SELECT count(*)::int AS count FROM evidence_documents`);
    const before = await evidence();
    const send = () =>
      t
        .http()
        .post(`/qualifications/${qualificationId}/evidence`)
        .set('authorization', owner.bearer);
    expectProblem(await send().send({ file: 'not really' }), 415, 'unsupported-media-type');

    const wrongField = await send().attach('document', PDF, 'x.pdf');
    expectFieldErrors(wrongField, [{ field: 'document', message: 'is not a known field' }]);
    const noFile = await send().field('note', 'my diploma');
    expect(noFile.body.errors).toEqual([{ field: 'note', message: 'is not a known field' }]);
    const twoFiles = await send().attach('file', PDF, 'a.pdf').attach('file', PNG, 'b.png');
    expectFieldErrors(twoFiles, [{ field: 'file', message: 'send one file per request' }]);

    const noBoundary = await send().set('content-type', 'multipart/form-data').send('garbage');
    expectProblem(noBoundary, 400, 'malformed-request');
    const cutShort = await send()
      .set('content-type', 'multipart/form-data; boundary=XYZ')
      .send(
        '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7',
      );
    expectProblem(cutShort, 400, 'malformed-request');
    expect(cutShort.body.detail).toMatch(/^The multipart body could not be read/);
    expect(await evidence()).toEqual(before);
  });

  it('lets the owner and staff download the exact bytes, and nobody else', async () => {
    const stored = await upload(owner, PDF, 'Ijazah Kedokteran – asli.pdf').expect(201);
    for (const reader of [owner, registrar]) {
      const response = await t
        .http()
        .get(stored.body.downloadUrl)
        .set('authorization', reader.bearer)
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-disposition']).toContain(
        "filename*=UTF-8''Ijazah%20Kedokteran%20%E2%80%93%20asli.pdf",
      );
      expect(Buffer.compare(response.body as Buffer, PDF)).toBe(0);
    }
    const stranger = await loginAs(t, 'member');
    expectProblem(
      await t.http().get(stored.body.downloadUrl).set('authorization', stranger.bearer),
      404,
      'not-found',
    );
    expectProblem(
      await t.http().get(`/evidence/${stored.body.id}`).set('authorization', stranger.bearer),
      404,
      'not-found',
    );
    expectProblem(await upload(stranger, PDF, 'mine-now.pdf'), 404, 'not-found');
    expectProblem(await t.http().get(stored.body.downloadUrl), 401, 'unauthenticated');
  });

  it('answers 503 with Retry-After while files cannot be stored, records nothing, and is not ready', async () => {
    const root = t.settings.evidenceDir;
    const documents = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM evidence_documents`))[0].n as number;
    const before = await documents();
    // The folder is gone and a file stands in its place, as when a volume is not mounted.
    await rename(root, `${root}.away`);
    await writeFile(root, '');
    try {
      const refused = await upload(owner, PDF, 'ijazah.pdf');
      expectProblem(refused, 503, 'storage-unavailable');
      expect(refused.headers['retry-after']).toBe('30');
      expect(await documents()).toBe(before);
      const ready = await t.http().get('/health/ready');
      expectProblem(ready, 503, 'service-unavailable');
      expect(ready.body.detail).toMatch(/evidenceStorage/);
    } finally {
      await rm(root, { force: true });
      await rename(`${root}.away`, root);
    }
    await t.http().get('/health/ready').expect(200);
    await upload(owner, PDF, 'ijazah.pdf').expect(201);
  });

  it('answers a clear problem, without file headers, when a stored file is missing', async () => {
    const stored = await upload(owner, PNG, 'foto.png').expect(201);
    const [{ storage_key: key }] = await t.db.query(
      `SELECT storage_key FROM evidence_documents WHERE id = $1`,
      [stored.body.id],
    );
    await rm(join(t.settings.evidenceDir, key as string));
    const response = await t.http().get(stored.body.downloadUrl).set('authorization', owner.bearer);
    expectProblem(response, 500, 'document-missing');
    expect(response.headers['content-disposition']).toBeUndefined();
    expect(response.headers['content-length']).not.toBe(String(PNG.length));
  });

  it('takes no evidence once the qualification is verified', async () => {
    await t
      .http()
      .post(`/qualifications/${qualificationId}/review`)
      .set('authorization', registrar.bearer)
      .send({
        decision: 'verified',
        method: 'document_inspection',
        sourceReference: 'original seen at the counter',
      })
      .expect(200);
    expectProblem(await upload(owner, PDF, 'late.pdf'), 409, 'qualification-verified');
  });
});

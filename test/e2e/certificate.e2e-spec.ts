import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, type SignedIn } from 'test/support/actors';
import { asBuffer } from 'test/support/binary';
import { credentialTypeIds, expectProblem, issueCredential } from 'test/support/factories';
import { pdfText } from 'test/support/pdf';

describe('printable certificate', () => {
  let t: TestApp;
  let registrar: SignedIn;
  let holder: SignedIn;
  let typeIds: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({
      settings: {
        publicBaseUrl: 'https://verify.idi.example',
        associationName: 'Ikatan Dokter Indonesia',
      },
    });
    registrar = await loginAs(t, 'registrar');
    holder = await loginAs(t, 'member', 'Çağlar Đặng Nguyễn');
    typeIds = await credentialTypeIds(t, registrar);
  });
  afterAll(() => t.close());

  const issue = () => issueCredential(t, registrar, holder.personId!, { validFrom: '2026-02-01' });
  const holdersPdf = (id: string) =>
    t
      .http()
      .get(`/credentials/${id}/certificate.pdf`)
      .set('authorization', holder.bearer)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);

  it('gives the holder a PDF naming them as given (any Latin script), the credential and its dates, with a QR code to the live page', async () => {
    const credential = await issue();
    const response = await holdersPdf(credential.id);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      `inline; filename="${credential.number}.pdf"`,
    );
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const verifyUrl = `https://verify.idi.example/verify/${credential.number}`;
    expect(pdfText(pdf)).toEqual(
      expect.arrayContaining([
        'Çağlar Đặng Nguyễn',
        `Number: ${credential.number}`,
        'Valid from 2026-02-01 to 2031-01-31',
        'Issued by Kolegium Dokter Indonesia',
        verifyUrl,
      ]),
    );
    // The QR code is an embedded image; the URL is also a clickable link.
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(pdf.toString('latin1')).toContain(`/URI (${verifyUrl})`);
  });

  it("heads the certificate with the association's name from its settings", async () => {
    const credential = await issue();
    const response = await holdersPdf(credential.id);
    expect(pdfText(response.body as Buffer)[0]).toBe('Ikatan Dokter Indonesia');
  });

  it('is for the holder and staff only', async () => {
    const credential = await issue();
    await t
      .http()
      .get(`/credentials/${credential.id}/certificate.pdf`)
      .set('authorization', registrar.bearer)
      .expect(200);
    const stranger = await loginAs(t, 'member');
    expectProblem(
      await t
        .http()
        .get(`/credentials/${credential.id}/certificate.pdf`)
        .set('authorization', stranger.bearer),
      404,
      'not-found',
    );
  });

  it('is not printed for a licence issued elsewhere, nor for a revoked credential', async () => {
    const recorded = await t
      .http()
      .post('/credentials/record')
      .set('authorization', holder.bearer)
      .send({ credentialTypeId: typeIds.STR, number: 'STR-CERT-1', validFrom: '2020-01-01' })
      .expect(201);
    expectProblem(
      await t
        .http()
        .get(`/credentials/${recorded.body.id}/certificate.pdf`)
        .set('authorization', holder.bearer),
      409,
      'no-certificate',
    );
    const credential = await issue();
    await t
      .http()
      .post(`/credentials/${credential.id}/revoke`)
      .set('authorization', registrar.bearer)
      .send({ reason: 'struck off' })
      .expect(200);
    expectProblem(
      await t
        .http()
        .get(`/credentials/${credential.id}/certificate.pdf`)
        .set('authorization', holder.bearer),
      409,
      'no-certificate',
    );
  });
});

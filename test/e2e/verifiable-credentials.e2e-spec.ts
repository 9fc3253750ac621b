import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, type SignedIn } from 'test/support/actors';
import { moveCalendar, todayIn } from 'test/support/calendar';
import { expectProblem, issueCredential } from 'test/support/factories';
import { freePort } from 'test/support/process';
import { verifyIndependently } from 'test/support/verify-vc';

describe('Verifiable Credentials 2.0 (eddsa-rdfc-2022)', () => {
  let t: TestApp;
  let baseUrl: string;
  let registrar: SignedIn;
  let holder: SignedIn;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    t = await createTestApp({
      settings: { publicBaseUrl: baseUrl, associationName: 'Ikatan Dokter Indonesia' },
    });
    await t.app.listen(port, '127.0.0.1');
    registrar = await loginAs(t, 'registrar');
    holder = await loginAs(t, 'member', 'Wayan Sudarsana');
  });
  afterAll(() => t.close());

  const issue = () => issueCredential(t, registrar, holder.personId!, { validFrom: '2026-03-01' });

  it('serves its own JSON-LD context at a stable URL', async () => {
    const response = await t.http().get('/contexts/v1').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(response.body['@context']).toMatchObject({
      '@protected': true,
      credentialNumber: `${baseUrl}/vocab#credentialNumber`,
    });
  });

  it('gives the holder a VC that an independent verifier accepts', async () => {
    const credential = await issue();
    const response = await t
      .http()
      .get(`/credentials/${credential.id}/vc`)
      .set('authorization', holder.bearer)
      .expect(200);
    const did = `did:web:127.0.0.1%3A${new URL(baseUrl).port}`;
    expect(response.body).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', `${baseUrl}/contexts/v1`],
      id: `urn:uuid:${credential.id}`,
      type: ['VerifiableCredential', 'ProfessionalCredential'],
      // The association signs, so it is the issuer; the college that awards it is a claim.
      issuer: { id: did, name: 'Ikatan Dokter Indonesia' },
      validFrom: '2026-03-01T00:00:00Z',
      validUntil: '2031-02-28T23:59:59Z',
      credentialSubject: {
        holderName: 'Wayan Sudarsana',
        credentialNumber: credential.number,
        credentialType: 'SERKOM',
        issuingAuthority: 'Kolegium Dokter Indonesia',
      },
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
        verificationMethod: expect.stringMatching(new RegExp(`^${did}#z6Mk`)),
        proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]+$/),
      },
    });
    expect(response.body.credentialStatus).toEqual([
      expect.objectContaining({
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListCredential: `${baseUrl}/status/revocation/1`,
      }),
      expect.objectContaining({
        type: 'BitstringStatusListEntry',
        statusPurpose: 'suspension',
        statusListCredential: `${baseUrl}/status/suspension/1`,
      }),
    ]);
    expect(await verifyIndependently(response.body, baseUrl)).toEqual({
      verified: true,
      statusVerified: true,
      status: { revocation: false, suspension: false },
    });
  });

  /** A credential issued here and its VC as the holder downloads it. */
  async function issuedWithVc() {
    const credential = await issue();
    const { body: vc } = await t
      .http()
      .get(`/credentials/${credential.id}/vc`)
      .set('authorization', holder.bearer)
      .expect(200);
    return { credential, vc: vc as object };
  }

  const change = (id: string, action: string, body: object) =>
    t
      .http()
      .post(`/credentials/${id}/${action}`)
      .set('authorization', registrar.bearer)
      .send(body)
      .expect(200);

  it('after a suspension, the suspension list says so, and a reinstatement clears it', async () => {
    const { credential, vc } = await issuedWithVc();
    await change(credential.id, 'suspend', { reason: 'MKEK 3/2026' });
    expect(await verifyIndependently(vc, baseUrl)).toMatchObject({
      verified: true,
      status: { revocation: false, suspension: true },
    });
    await change(credential.id, 'reinstate', { reason: 'lifted' });
    expect(await verifyIndependently(vc, baseUrl)).toMatchObject({
      status: { revocation: false, suspension: false },
    });
  });

  it('a suspension with a last day leaves the suspension list after that day, with no job', async () => {
    const { credential, vc } = await issuedWithVc();
    const lastDay = todayIn(t);
    await change(credential.id, 'suspend', { reason: 'MKEK 4/2026', until: lastDay });
    expect(await verifyIndependently(vc, baseUrl)).toMatchObject({
      status: { revocation: false, suspension: true },
    });
    const tomorrow = moveCalendar(t, 1);
    try {
      expect(await verifyIndependently(vc, baseUrl)).toMatchObject({
        verified: true,
        status: { revocation: false, suspension: false },
      });
    } finally {
      tomorrow.restore();
    }
  });

  it('signs a status list once per change and serves the stored one between changes', async () => {
    const { credential } = await issuedWithVc();
    const first = await t.http().get('/status/suspension/1').expect(200);
    const again = await t.http().get('/status/suspension/1').expect(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.etag).toBe(first.headers.etag);
    await t.http().get('/status/suspension/1').set('if-none-match', first.headers.etag).expect(304);
    await change(credential.id, 'suspend', { reason: 'MKEK 5/2026' });
    const changed = await t.http().get('/status/suspension/1').expect(200);
    expect(changed.body.proof.proofValue).not.toBe(first.body.proof.proofValue);
    expect(changed.body.credentialSubject.encodedList).not.toBe(
      first.body.credentialSubject.encodedList,
    );
    const stored = await t.db.query(
      `SELECT count(*)::int AS n FROM signed_status_lists WHERE purpose = 'suspension'`,
    );
    expect(stored[0].n).toBe(1);
    // A list no credential is on does not exist.
    expectProblem(await t.http().get('/status/suspension/2'), 404, 'not-found');
    expectProblem(await t.http().get('/status/revocation/999999'), 404, 'not-found');
  });

  it('serves the status lists signed and public, and nothing for an unknown list', async () => {
    const list = await t.http().get('/status/suspension/1').expect(200);
    expect(list.body).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      credentialSubject: {
        type: 'BitstringStatusList',
        statusPurpose: 'suspension',
        encodedList: expect.stringMatching(/^u/),
      },
      proof: { cryptosuite: 'eddsa-rdfc-2022' },
    });
    expectProblem(await t.http().get('/status/expiry/1'), 404, 'not-found');
    expectProblem(await t.http().get('/status/revocation/0'), 404, 'not-found');
  });

  it('a changed claim no longer verifies', async () => {
    const credential = await issue();
    const { body } = await t
      .http()
      .get(`/credentials/${credential.id}/vc`)
      .set('authorization', holder.bearer)
      .expect(200);
    const forged = {
      ...body,
      credentialSubject: { ...body.credentialSubject, holderName: 'Someone Else' },
    };
    expect((await verifyIndependently(forged, baseUrl)).verified).toBe(false);
  });

  it('is for the holder and staff, and not for a revoked credential', async () => {
    const credential = await issue();
    const stranger = await loginAs(t, 'member');
    expectProblem(
      await t.http().get(`/credentials/${credential.id}/vc`).set('authorization', stranger.bearer),
      404,
      'not-found',
    );
    await t
      .http()
      .post(`/credentials/${credential.id}/revoke`)
      .set('authorization', registrar.bearer)
      .send({ reason: 'struck off' })
      .expect(200);
    // A read of what does not exist: 404, saying why.
    const none = await t
      .http()
      .get(`/credentials/${credential.id}/vc`)
      .set('authorization', holder.bearer);
    expectProblem(none, 404, 'not-found');
    expect(none.body.detail).toBe('A revoked credential has no Verifiable Credential');
  });
});

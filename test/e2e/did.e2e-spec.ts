import { createPublicKey, verify } from 'node:crypto';
import { base58btcDecode } from 'src/common/encoding/base58btc';
import { IssuerKeyService } from 'src/credentials/verifiable/issuer-key.service';
import { createTestApp, type TestApp } from 'test/support/app';

/** SPKI DER header of an Ed25519 public key; the raw 32 bytes follow. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

describe('issuer key and DID document (did:web)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ settings: { publicBaseUrl: 'https://verify.idi.example' } });
  });
  afterAll(() => t.close());

  it('publishes the signing key as a Multikey in the DID document, without login', async () => {
    const response = await t.http().get('/.well-known/did.json').expect(200);
    const did = 'did:web:verify.idi.example';
    expect(response.body).toMatchObject({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        {
          id: expect.stringMatching(/^did:web:verify\.idi\.example#z6Mk/),
          type: 'Multikey',
          controller: did,
        },
      ],
    });
    const [method] = response.body.verificationMethod;
    expect(response.body.assertionMethod).toEqual([method.id]);
    const decoded = Buffer.from(base58btcDecode(method.publicKeyMultibase.slice(1)));
    expect(decoded.subarray(0, 2)).toEqual(Buffer.from([0xed, 0x01]));
    expect(decoded).toHaveLength(34);
  });

  it('signs with the private half of the published key', async () => {
    const key = await t.app.get(IssuerKeyService).activeKey();
    const data = Buffer.from('a canonical credential');
    const signature = key.sign(data);
    const raw = Buffer.from(base58btcDecode(key.publicKeyMultibase.slice(1))).subarray(2);
    const publicKey = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, raw]),
      format: 'der',
      type: 'spki',
    });
    expect(verify(null, data, publicKey, signature)).toBe(true);
    expect(verify(null, Buffer.from('something else'), publicKey, signature)).toBe(false);
  });

  it('is generated once, even when asked for at the same time, and stored encrypted', async () => {
    const service = t.app.get(IssuerKeyService);
    const keys = await Promise.all([service.activeKey(), service.activeKey()]);
    expect(new Set(keys.map((k) => k.publicKeyMultibase)).size).toBe(1);
    const rows = await t.db.query(
      `SELECT public_key_multibase, private_key_encrypted FROM issuer_keys`,
    );
    expect(rows).toHaveLength(1);
    // AES-GCM output: no PKCS#8 Ed25519 header in the stored bytes.
    expect(
      (rows[0].private_key_encrypted as Buffer).includes(
        Buffer.from('302e020100300506032b6570', 'hex'),
      ),
    ).toBe(false);
  });
});

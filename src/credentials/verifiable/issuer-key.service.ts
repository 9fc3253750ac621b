import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';
import { base58btcEncode } from 'src/common/encoding/base58btc';
import type { RuntimeSettings } from 'src/config/settings';
import { CredentialsRepository } from 'src/credentials/credentials.repository';
import { Transactions } from 'src/database/transactions';

/** Multicodec prefix of an Ed25519 public key (ed25519-pub, 0xed). */
const ED25519_PUB = Buffer.from([0xed, 0x01]);
/** The last 32 bytes of an Ed25519 SPKI DER are the raw public key. */
const rawPublicKey = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).subarray(-32);

export interface ActiveIssuerKey {
  /** `did:web:…#z6Mk…`: the verification method a proof names. */
  verificationMethod: string;
  publicKeyMultibase: string;
  sign(data: Buffer): Buffer;
}

/**
 * The association's signing key for Verifiable Credentials: generated once, at the first start
 * (an advisory lock makes replicas agree), stored encrypted, and published in the DID document.
 */
@Injectable()
export class IssuerKeyService implements OnApplicationBootstrap {
  private active?: Promise<ActiveIssuerKey>;

  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CredentialsRepository,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {}

  onApplicationBootstrap(): Promise<unknown> {
    return this.activeKey();
  }

  /** did:web of the association, from PUBLIC_BASE_URL's host (a port is written %3A). */
  get did(): string {
    const { host } = new URL(this.config.get('publicBaseUrl', { infer: true }));
    return `did:web:${host.replace(':', '%3A')}`;
  }

  activeKey(): Promise<ActiveIssuerKey> {
    this.active ??= this.loadOrCreate().catch((error: unknown) => {
      this.active = undefined;
      throw error;
    });
    return this.active;
  }

  /** The DID document (did:web) that lets any verifier find the public key. */
  async didDocument(): Promise<object> {
    const keys = await this.repository.listIssuerKeys();
    const methods = keys.map((key) => ({
      id: `${this.did}#${key.publicKeyMultibase}`,
      type: 'Multikey',
      controller: this.did,
      publicKeyMultibase: key.publicKeyMultibase,
    }));
    return {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: this.did,
      verificationMethod: methods,
      // Retired keys stay listed so what they signed still verifies.
      assertionMethod: methods.map((method) => method.id),
    };
  }

  private async loadOrCreate(): Promise<ActiveIssuerKey> {
    const row = await this.transactions.run(async (manager) => {
      const existing = await this.repository.lockIssuerKeysAndFindActive(manager);
      if (existing) return existing;
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' });
      return this.repository.insertIssuerKey(manager, {
        publicKeyMultibase: `z${base58btcEncode(Buffer.concat([ED25519_PUB, rawPublicKey(publicKey)]))}`,
        privateKeyEncrypted: this.encrypt(pkcs8),
      });
    });
    const privateKey = createPrivateKey({
      key: this.decrypt(row.privateKeyEncrypted),
      format: 'der',
      type: 'pkcs8',
    });
    return {
      verificationMethod: `${this.did}#${row.publicKeyMultibase}`,
      publicKeyMultibase: row.publicKeyMultibase,
      sign: (data) => sign(null, data, privateKey),
    };
  }

  /** ISSUER_KEY_SECRET, or a key derived from JWT_SECRET for a distinct purpose when it is unset. */
  private encryptionKey(): Buffer {
    const secret =
      this.config.get('issuerKeySecret', { infer: true }) ??
      this.config.get('jwtSecret', { infer: true });
    if (!secret) throw new Error('No secret to encrypt the issuer key with');
    return Buffer.from(hkdfSync('sha256', secret, 'guildhall', 'issuer-key-encryption', 32));
  }

  private encrypt(plain: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey(), iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private decrypt(stored: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey(), stored.subarray(0, 12));
    decipher.setAuthTag(stored.subarray(12, 28));
    return Buffer.concat([decipher.update(stored.subarray(28)), decipher.final()]);
  }
}

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Actor } from 'src/auth/principal';
import type { RuntimeSettings } from 'src/config/settings';
import { CredentialsService } from 'src/credentials/credentials.service';
import { CredentialsRepository } from 'src/credentials/credentials.repository';
import { Calendar } from 'src/common/calendar';
import { PublicVerificationService } from 'src/credentials/public-verification.service';
import {
  guildhallContext,
  guildhallContextUrl,
  localDocumentLoader,
  VC_V2_CONTEXT,
} from 'src/credentials/verifiable/contexts';
import { addEddsaRdfc2022Proof } from 'src/credentials/verifiable/data-integrity';
import { IssuerKeyService } from 'src/credentials/verifiable/issuer-key.service';
import {
  encodeStatusList,
  listOf,
  STATUS_LIST_SIZE,
  STATUS_PURPOSES,
  type StatusPurpose,
} from 'src/credentials/verifiable/status-lists';
import { AppError, notFound } from 'src/common/errors/app-error';

/** Credentials issued here, also as W3C Verifiable Credentials 2.0 any standard verifier can check. */
@Injectable()
export class VerifiableCredentialsService {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly publicVerification: PublicVerificationService,
    private readonly issuerKeys: IssuerKeyService,
    private readonly config: ConfigService<RuntimeSettings, true>,
    private readonly repository: CredentialsRepository,
    private readonly calendar: Calendar,
  ) {}

  private get baseUrl(): string {
    return this.config.get('publicBaseUrl', { infer: true });
  }

  context(): object {
    return guildhallContext(this.baseUrl);
  }

  statusListUrl(purpose: StatusPurpose, list: number): string {
    return `${this.baseUrl}/status/${purpose}/${list}`;
  }

  /**
   * A signed BitstringStatusListCredential: who is revoked, or suspended, right now. The bits are
   * read on every request (a suspension ends on its date); the list is signed only when they
   * differ from the list as last signed, which is otherwise served as stored.
   */
  async statusList(purpose: StatusPurpose, list: number): Promise<object> {
    const from = (list - 1) * STATUS_LIST_SIZE;
    const to = from + STATUS_LIST_SIZE - 1;
    if (!(await this.repository.statusListInUse(from, to))) {
      throw new AppError('not-found', `There is no ${purpose} list ${list}`);
    }
    // Positions of credentials revoked, or suspended today, counted from the list's first.
    const positions = await this.repository.listedPositions(
      purpose,
      from,
      to,
      this.calendar.today(),
    );
    const encodedList = encodeStatusList(positions.map((index) => index - from));
    const stored = await this.repository.findSignedStatusList(purpose, list);
    if (stored?.encodedList === encodedList) return JSON.parse(stored.credential) as object;
    const url = this.statusListUrl(purpose, list);
    const unsigned = {
      '@context': [VC_V2_CONTEXT],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: this.issuerKeys.did,
      validFrom: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: purpose,
        encodedList,
      },
    };
    const credential = await addEddsaRdfc2022Proof(
      unsigned,
      await this.issuerKeys.activeKey(),
      localDocumentLoader(this.baseUrl),
    );
    await this.repository.storeSignedStatusList({
      purpose,
      list,
      encodedList,
      credential: JSON.stringify(credential),
      signedAt: new Date(),
    });
    return credential;
  }

  /** The signed VC of a credential issued here (holder and staff); revoked and superseded ones have none. */
  async issue(actor: Actor, id: string): Promise<object> {
    const credential = await this.credentials.get(actor, id);
    // A read of something that does not exist: 404, with the reason there is none.
    if (credential.type.issuerKind !== 'association') {
      throw new AppError(
        'not-found',
        `${credential.type.code} is issued by ${credential.issuingAuthority}, not by this association: it has no Verifiable Credential here`,
      );
    }
    if (credential.status === 'revoked')
      throw new AppError('not-found', 'A revoked credential has no Verifiable Credential');
    if (credential.status === 'superseded')
      throw new AppError(
        'not-found',
        `A superseded credential has no Verifiable Credential: ${credential.supersededBy?.number ?? 'its successor'} has`,
      );
    const answer = await this.publicVerification.findByNumber(credential.number);
    // Issued here and not revoked, so only a type kept from verifiers has no public answer.
    if (!answer) {
      throw new AppError(
        'not-found',
        `${credential.type.code} is not shown to verifiers: it has no Verifiable Credential`,
      );
    }
    const key = await this.issuerKeys.activeKey();
    const index = await this.repository.assignStatusListIndex(credential.id);
    if (index === undefined) throw notFound('Credential', id);
    const { list, position } = listOf(index);
    const unsigned = {
      '@context': [VC_V2_CONTEXT, guildhallContextUrl(this.baseUrl)],
      id: `urn:uuid:${credential.id}`,
      type: ['VerifiableCredential', 'ProfessionalCredential'],
      // The issuer is who signs: the association. The body that awards the credential under the
      // association's authority (a college, a council) is a claim about it, issuingAuthority.
      issuer: {
        id: this.issuerKeys.did,
        name: this.config.get('associationName', { infer: true }),
      },
      validFrom: `${credential.validFrom}T00:00:00Z`,
      ...(credential.validUntil ? { validUntil: `${credential.validUntil}T23:59:59Z` } : {}),
      credentialSubject: {
        type: 'ProfessionalCredential',
        holderName: answer.holderName,
        credentialNumber: credential.number,
        credentialType: credential.type.code,
        credentialTypeName: credential.type.name,
        ...(credential.type.profession ? { profession: credential.type.profession } : {}),
        issuingAuthority: credential.issuingAuthority,
        publicPage: `${this.baseUrl}/verify/${encodeURIComponent(credential.number)}`,
      },
      credentialStatus: STATUS_PURPOSES.map((statusPurpose) => ({
        id: `${this.statusListUrl(statusPurpose, list)}#${position}`,
        type: 'BitstringStatusListEntry',
        statusPurpose,
        statusListIndex: String(position),
        statusListCredential: this.statusListUrl(statusPurpose, list),
      })),
    };
    return addEddsaRdfc2022Proof(unsigned, key, localDocumentLoader(this.baseUrl));
  }
}

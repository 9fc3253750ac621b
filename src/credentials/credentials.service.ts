import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Calendar } from 'src/common/calendar';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireOwnPerson } from 'src/auth/access';
import { Transactions } from 'src/database/transactions';
import { ProfessionsPort } from 'src/professions/professions.port';
import { PeoplePort } from 'src/people/people.port';
import { ChaptersPort } from 'src/chapters/chapters.port';
import { EducationPort } from 'src/education/education.port';
import {
  evaluate,
  names,
  namesPersonFacts,
  type Requirement,
} from 'src/requirements/requirement-rules';
import { EthicsPort } from 'src/ethics/ethics.port';
import { DuesPort } from 'src/dues/dues.port';
import type { AccountActor, Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import type { Upload } from 'src/common/http/upload';
import { type Page, paginate } from 'src/common/paging';
import {
  type CredentialStatus,
  effectiveStatus,
  formatNumber,
  needsChapter,
  needsSpeciality,
  needsProfession,
  sequenceScope,
  validUntil,
} from 'src/credentials/credential-rules';
import { toCredentialTypeResponse } from 'src/credentials/credential-types.service';
import type {
  CredentialResponse,
  CredentialsQuery,
  IssueCredentialDto,
  RecordCredentialDto,
  ResubmitCredentialDto,
  ReviewCredentialDto,
  StatusChangeDto,
  SuspendCredentialDto,
  EndPracticeDto,
} from 'src/credentials/dto/credential.dto';
import type { CredentialEventKind } from 'src/credentials/entities/credential-event.entity';
import { CredentialsRepository } from 'src/credentials/credentials.repository';
import type { CredentialType } from 'src/credentials/entities/credential-type.entity';
import type { Credential } from 'src/credentials/entities/credential.entity';
import type { EvidenceResponse } from 'src/evidence/dto/evidence.dto';
import { EvidencePort } from 'src/evidence/evidence.port';
import type { RuntimeSettings } from 'src/config/settings';
import { renderCertificate } from 'src/credentials/certificate';
import { PublicVerificationService } from 'src/credentials/public-verification.service';
import { CredentialsError } from 'src/credentials/credentials.errors';
import { CredentialSuspensions } from 'src/credentials/credential-suspensions';
import type { CredentialSuspensionSource } from 'src/credentials/entities/credential-suspension.entity';

/** The suspensions staff lift by hand; the others end with their source or on their date. */
const LIFTED_BY_STAFF: readonly CredentialSuspensionSource[] = ['staff', 'membership_end'];

const describeSource = (source: CredentialSuspensionSource) =>
  ({
    staff: 'staff',
    sanction: 'an ethics sanction',
    membership: 'its membership',
    membership_end: 'the end of its membership',
  })[source];

/** The profession a staff account is scoped to, or null for one that is not. */
const scopedProfessionOf = (actor: Actor): string | null =>
  isStaffActor(actor) ? (actor.scope?.professionId ?? null) : null;

/** An account scoped to a profession issues and records only that profession's types. */
function requireTypeInScope(actor: Actor, type: CredentialType): void {
  const professionId = scopedProfessionOf(actor);
  if (professionId && type.professionId !== professionId) {
    throw new CredentialsError(
      'credential-outside-scope',
      `This account is scoped to a profession: ${type.code} is another profession's credential`,
    );
  }
}

const statusOf = (credential: Credential, today: string): CredentialStatus =>
  effectiveStatus(credential.status, credential.validUntil, today, credential.suspendedUntil);

const toResponse = (credential: Credential, asOf: string): CredentialResponse => ({
  id: credential.id,
  personId: credential.personId,
  type: toCredentialTypeResponse(credential.credentialType),
  number: credential.number,
  issuingAuthority: credential.issuingAuthority,
  speciality: credential.speciality,
  place: credential.place,
  status: statusOf(credential, asOf),
  statusReason: credential.statusReason,
  statusChangedAt: credential.statusChangedAt,
  suspendedUntil: credential.suspendedUntil,
  verificationStatus: credential.verificationStatus,
  validFrom: credential.validFrom,
  validUntil: credential.validUntil,
  supersededBy: credential.supersededBy
    ? { id: credential.supersededBy.id, number: credential.supersededBy.number }
    : null,
  periods: [...(credential.periods ?? [])]
    .sort((a, b) => a.validFrom.localeCompare(b.validFrom))
    .map(({ validFrom, validUntil: until }) => ({ validFrom, validUntil: until })),
  events: [...(credential.events ?? [])]
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
    .map(
      ({
        event,
        reason,
        method,
        sourceReference,
        suspendedUntil,
        announcedUntil,
        actorAccountId,
        occurredAt,
      }) => ({
        event,
        reason,
        method,
        sourceReference,
        ...(event === 'suspended' ? { suspendedUntil } : {}),
        ...(event === 'ended' ? { announcedUntil } : {}),
        actorAccountId,
        occurredAt,
      }),
    ),
  createdAt: credential.createdAt,
});

interface NewCredential {
  personId: string;
  type: CredentialType;
  number: string;
  issuingAuthority: string;
  speciality?: string | null;
  place?: string | null;
  validFrom: string;
  validUntil: string | null;
  verificationStatus: 'submitted' | 'verified';
  event: CredentialEventKind;
  /** The credential it supersedes, locked: one of the same type in force gives up its place under the cap. */
  replaces?: Credential | null;
}

/** A type issued per place needs the place each credential is for; another type takes none. */
function requirePlace(type: CredentialType, place: string | undefined): void {
  if (type.perPlace === (place !== undefined)) return;
  const message = type.perPlace
    ? `place is needed: ${type.code} is issued per place of practice`
    : `place is for a type issued per place of practice; ${type.code} is not`;
  throw new AppError('validation-failed', 'Check these fields: place', {
    errors: [{ field: 'place', message }],
  });
}

/** Step 2 of the pipeline: certificates issued here and licences recorded from outside. */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CredentialsRepository,
    private readonly audit: AuditService,
    private readonly evidence: EvidencePort,
    private readonly publicVerification: PublicVerificationService,
    private readonly config: ConfigService<RuntimeSettings, true>,
    private readonly calendar: Calendar,
    private readonly professions: ProfessionsPort,
    private readonly people: PeoplePort,
    private readonly chapters: ChaptersPort,
    private readonly qualifications: EducationPort,
    private readonly ethics: EthicsPort,
    private readonly access: Access,
    private readonly dues: DuesPort,
    private readonly suspensions: CredentialSuspensions,
  ) {}

  private readonly owners = (ids: string[]) => this.repository.ownersOf(ids);

  /**
   * A credential the caller may act on: whose person it may reach (`Access`), and for an account
   * scoped to a profession, of a type of that profession; anything else answers 404 as missing.
   */
  private async requireCredential(actor: Actor, id: string): Promise<void> {
    await this.access.require(actor, 'Credential', id, this.owners);
    const professionId = scopedProfessionOf(actor);
    if (!professionId) return;
    if ((await this.repository.typeProfessionsOf([id])).get(id) !== professionId) {
      throw notFound('Credential', id);
    }
  }

  /** Issues a credential of a type the association issues, numbered from the type's format. */
  async issue(actor: AccountActor, dto: IssueCredentialDto): Promise<CredentialResponse> {
    await this.access.requirePerson(actor, dto.personId);
    const validFrom = dto.validFrom ?? this.calendar.today();
    const id = await this.transactions.run(async (manager) => {
      const type = await this.findActiveType(manager, dto.credentialTypeId);
      requireTypeInScope(actor, type);
      if (type.issuerKind !== 'association' || !type.numberFormat) {
        throw new CredentialsError(
          'credential-issued-elsewhere',
          `${type.code} is issued by ${type.issuingAuthority}: record it instead`,
        );
      }
      if (type.membershipCard) {
        throw new CredentialsError(
          'issued-on-admission',
          `${type.code} is the membership card: it is issued on admission, numbered with the member number`,
        );
      }
      const until = validUntil(validFrom, type.validityMonths);
      const today = this.calendar.today();
      if (until !== null && until < today) {
        // A historic certificate from elsewhere is recorded, not issued (POST /credentials/record).
        throw new CredentialsError(
          'expired-on-issue',
          `Issued from ${validFrom}, ${type.code} would have ended on ${until}, before today (${today})`,
          {
            errors: [
              { field: 'validFrom', message: `validFrom is too far back: it would end ${until}` },
            ],
          },
        );
      }
      if (type.issueRequirements) {
        await this.requireMet(manager, type, type.issueRequirements, dto.personId);
      }
      const predecessor = dto.supersedes
        ? await this.lockSuperseded(manager, dto.supersedes, dto.personId, type, validFrom)
        : null;
      const speciality = await this.specialityFor(manager, type, dto.speciality);
      const issued = await this.insert(manager, actor, {
        personId: dto.personId,
        type,
        number: await this.nextNumber(manager, type, type.numberFormat, dto.personId, validFrom, {
          speciality,
        }),
        issuingAuthority: type.issuingAuthority,
        speciality,
        validFrom,
        validUntil: validUntil(validFrom, type.validityMonths),
        verificationStatus: 'verified',
        event: 'issued',
        replaces: predecessor,
      });
      if (predecessor) await this.supersede(manager, actor, predecessor, issued);
      return issued;
    });
    return toResponse(await this.load(this.transactions.reader, id), this.calendar.today());
  }

  /**
   * The credential a new one replaces, locked: the same person's, of the same profession,
   * verified, begun by the new one's first day (today at the latest: it is superseded today), and in force or expired (a suspended or revoked
   * one is not escaped by an upgrade).
   */
  private async lockSuperseded(
    manager: EntityManager,
    id: string,
    personId: string,
    successorType: CredentialType,
    validFrom: string,
  ): Promise<Credential> {
    const refuse = (detail: string): never => {
      throw new CredentialsError('supersede-refused', detail, {
        errors: [{ field: 'supersedes', message: detail }],
      });
    };
    const credential = await this.repository.lock(manager, id);
    if (!credential || credential.personId !== personId) {
      return refuse(`Credential ${id} is not one of this person's`);
    }
    const type = await this.findType(manager, credential.credentialTypeId);
    if (type.professionId !== successorType.professionId) {
      return refuse(`${credential.number} is of another profession than ${successorType.code}`);
    }
    if (credential.verificationStatus !== 'verified') {
      return refuse(`${credential.number} is not verified`);
    }
    if (validFrom > this.calendar.today()) {
      return refuse(
        `A credential is superseded from the day its successor begins: issue it from today`,
      );
    }
    if (credential.validFrom > validFrom) {
      return refuse(`${credential.number} begins after ${validFrom}, the new one's first day`);
    }
    const status = statusOf(credential, this.calendar.today());
    if (status !== 'active' && status !== 'expired') {
      return refuse(
        `${credential.number} is ${status}: only one in force or expired is superseded`,
      );
    }
    return credential;
  }

  /** Marks `credential` replaced by the one just issued, with its event and audit row. */
  private async supersede(
    manager: EntityManager,
    actor: Actor,
    credential: Credential,
    successorId: string,
  ): Promise<void> {
    const successor = await this.load(manager, successorId);
    const reason = `Superseded by ${successor.credentialType.code} ${successor.number}`;
    await this.repository.updateCredential(manager, credential.id, {
      status: 'superseded',
      statusReason: reason,
      supersededById: successorId,
      statusChangedAt: new Date(),
    });
    await this.repository.insertEvent(manager, {
      credentialId: credential.id,
      event: 'superseded',
      reason,
      actorAccountId: actor.kind === 'account' ? actor.accountId : null,
    });
    await this.audit.record(manager, actor, {
      action: 'credential.superseded',
      entityType: 'credential',
      entityId: credential.id,
      before: { status: credential.status },
      after: { status: 'superseded', supersededBy: successor.number },
    });
  }

  /** Records a licence issued elsewhere (STR, SIP); it waits for primary-source verification. */
  async record(actor: Actor, dto: RecordCredentialDto): Promise<CredentialResponse> {
    const personId = await this.access.requireNamedPerson(actor, dto.personId);
    const id = await this.transactions.run(async (manager) => {
      const type = await this.findActiveType(manager, dto.credentialTypeId);
      requireTypeInScope(actor, type);
      if (type.issuerKind !== 'external') {
        throw new CredentialsError(
          'credential-issued-here',
          `${type.code} is issued by the association, not recorded`,
        );
      }
      const until = dto.validUntil ?? validUntil(dto.validFrom, type.validityMonths);
      if (until !== null && until < dto.validFrom) {
        throw new AppError('validation-failed', 'Check these fields: validUntil', {
          errors: [{ field: 'validUntil', message: 'validUntil must not be before validFrom' }],
        });
      }
      requirePlace(type, dto.place);
      return this.insert(manager, actor, {
        personId,
        type,
        number: dto.number,
        place: dto.place ?? null,
        issuingAuthority: dto.issuingAuthority ?? type.issuingAuthority,
        validFrom: dto.validFrom,
        validUntil: until,
        verificationStatus: 'submitted',
        event: 'recorded',
      });
    });
    return toResponse(await this.load(this.transactions.reader, id), this.calendar.today());
  }

  async review(
    actor: AccountActor,
    id: string,
    dto: ReviewCredentialDto,
  ): Promise<CredentialResponse> {
    await this.change(actor, id, (credential) => {
      if (credential.verificationStatus !== 'submitted') {
        throw new CredentialsError(
          'verification-decided',
          `The credential is already ${credential.verificationStatus}`,
        );
      }
      return {
        values: { verificationStatus: dto.decision },
        event: {
          event: dto.decision,
          reason: dto.reason,
          method: dto.method,
          sourceReference: dto.sourceReference,
        },
      };
    });
    return this.getAsStaff(id);
  }

  /**
   * A licence rejected at verification, corrected by its holder (or staff) where it was wrong and
   * sent for verification again. What it said before stays in the audit trail and its events.
   */
  async resubmit(
    actor: Actor,
    id: string,
    dto: ResubmitCredentialDto,
  ): Promise<CredentialResponse> {
    await this.requireCredential(actor, id);
    await this.transactions.run(async (manager) => {
      const credential = await this.repository.lock(manager, id);
      if (!credential) throw notFound('Credential', id);
      if (credential.verificationStatus !== 'rejected') {
        throw new CredentialsError(
          'resubmission-refused',
          `Only a rejected licence is corrected and resubmitted; this one is ${credential.verificationStatus}`,
          { currentVerificationStatus: credential.verificationStatus },
        );
      }
      const corrected = {
        number: dto.number ?? credential.number,
        issuingAuthority: dto.issuingAuthority ?? credential.issuingAuthority,
        validFrom: dto.validFrom ?? credential.validFrom,
        validUntil: dto.validUntil ?? credential.validUntil,
      };
      if (corrected.validUntil !== null && corrected.validUntil < corrected.validFrom) {
        throw new AppError('validation-failed', 'Check these fields: validUntil', {
          errors: [{ field: 'validUntil', message: 'validUntil must not be before validFrom' }],
        });
      }
      const changed = (Object.keys(corrected) as (keyof typeof corrected)[]).filter(
        (key) => corrected[key] !== credential[key],
      );
      await this.repository.updateCredential(manager, id, {
        ...corrected,
        verificationStatus: 'submitted',
      });
      await this.repository.correctPeriod(manager, id, credential.validFrom, {
        validFrom: corrected.validFrom,
        validUntil: corrected.validUntil,
      });
      const reason =
        dto.note ?? (changed.length ? `Corrected: ${changed.join(', ')}` : 'Sent again unchanged');
      await this.repository.insertEvent(manager, {
        credentialId: id,
        event: 'resubmitted',
        reason,
        actorAccountId: actor.kind === 'account' ? actor.accountId : null,
      });
      await this.audit.record(manager, actor, {
        action: 'credential.resubmitted',
        entityType: 'credential',
        entityId: id,
        before: {
          ...Object.fromEntries(changed.map((key) => [key, credential[key]])),
          verificationStatus: 'rejected',
        },
        after: {
          ...Object.fromEntries(changed.map((key) => [key, corrected[key]])),
          verificationStatus: 'submitted',
          reason,
        },
      });
    });
    return this.getAsStaff(id);
  }

  /**
   * Staff suspend a credential: kept beside any other suspension (an ethics sanction's, the
   * membership's a card follows), until its last day or until lifted.
   */
  async suspend(
    actor: AccountActor,
    id: string,
    dto: SuspendCredentialDto,
  ): Promise<CredentialResponse> {
    const today = this.calendar.today();
    const until = dto.until ?? null;
    if (until !== null && until < today) {
      throw new AppError('validation-failed', 'Check these fields: until', {
        errors: [{ field: 'until', message: 'until must not be before today' }],
      });
    }
    await this.requireCredential(actor, id);
    await this.transactions.run(async (manager) => {
      const credential = await this.lockOrFail(manager, id);
      this.requireStatus(
        credential,
        ['active', 'expired', 'suspended'],
        'The credential is revoked: it is not suspended again',
      );
      const byStaff = (await this.suspensions.holdingOn(manager, id, today)).find(
        (suspension) => suspension.source === 'staff',
      );
      if (byStaff) {
        throw new CredentialsError(
          'credential-status-refused',
          `The credential is already suspended by staff ${byStaff.endsOn ? `until ${byStaff.endsOn}` : 'until lifted'}`,
          { currentStatus: 'suspended' },
        );
      }
      await this.suspensions.suspend(
        manager,
        actor,
        credential,
        { source: 'staff', sourceId: null, reason: dto.reason, startsOn: today, endsOn: until },
        today,
      );
    });
    return this.getAsStaff(id);
  }

  /**
   * Staff lift the suspensions they may lift: their own and those of a membership that ended.
   * A sanction's, or the membership's a card follows, ends on its own date or with its source,
   * and keeps the credential suspended meanwhile.
   */
  async reinstate(
    actor: AccountActor,
    id: string,
    dto: StatusChangeDto,
  ): Promise<CredentialResponse> {
    const today = this.calendar.today();
    await this.requireCredential(actor, id);
    await this.transactions.run(async (manager) => {
      const credential = await this.lockOrFail(manager, id);
      this.requireStatus(
        credential,
        ['suspended'],
        'Only a suspended credential can be reinstated',
      );
      const lifted = await this.suspensions.lift(
        manager,
        actor,
        credential,
        (suspension) => LIFTED_BY_STAFF.includes(suspension.source),
        dto.reason,
        today,
      );
      if (!lifted) {
        const holding = await this.suspensions.holdingOn(manager, id, today);
        throw new CredentialsError(
          'credential-status-refused',
          `The credential is suspended by ${holding.map((suspension) => describeSource(suspension.source)).join(' and ')}: it is lifted there, or ends on its date`,
          { currentStatus: 'suspended' },
        );
      }
    });
    return this.getAsStaff(id);
  }

  async revoke(actor: AccountActor, id: string, dto: StatusChangeDto): Promise<CredentialResponse> {
    await this.change(actor, id, (credential) => {
      this.requireStatus(
        credential,
        ['active', 'expired', 'suspended'],
        'The credential is already revoked',
      );
      return {
        values: { status: 'revoked', statusReason: dto.reason, suspendedUntil: null },
        event: { event: 'revoked', reason: dto.reason },
      };
    });
    return this.getAsStaff(id);
  }

  /**
   * Practice at a credential's place has ended (a SIP for a place the holder left): the
   * credential ends after the last day of practice there, and reads expired from the day after,
   * never as a sanction. The day it had announced is kept in its `ended` event. The end may be
   * brought forward again, never back.
   */
  async endPractice(
    actor: AccountActor,
    id: string,
    dto: EndPracticeDto,
  ): Promise<CredentialResponse> {
    await this.requireCredential(actor, id);
    await this.transactions.run(async (manager) => {
      const credential = await this.repository.lock(manager, id);
      if (!credential) throw notFound('Credential', id);
      const type = (await this.repository.findType(manager, credential.credentialTypeId))!;
      if (!type.perPlace) {
        throw new CredentialsError(
          'credential-not-per-place',
          `${type.code} is not issued for a place of practice: it does not end with one`,
        );
      }
      if (credential.status === 'revoked' || credential.status === 'superseded') {
        throw new CredentialsError(
          'credential-status-refused',
          `The credential is ${credential.status}: it has ended already`,
          { currentStatus: credential.status },
        );
      }
      const from = await this.repository.lastPeriodStart(manager, id);
      const latest = credential.validUntil;
      if (dto.lastDay < from || (latest !== null && dto.lastDay >= latest)) {
        throw new AppError('validation-failed', 'Check these fields: lastDay', {
          errors: [
            {
              field: 'lastDay',
              message: `lastDay must fall in its validity from ${from}${latest ? `, before its last day ${latest}` : ''}`,
            },
          ],
        });
      }
      await this.repository.endOn(manager, id, dto.lastDay);
      await this.repository.insertEvent(manager, {
        credentialId: id,
        event: 'ended',
        reason: dto.reason,
        announcedUntil: latest,
        actorAccountId: actor.accountId,
      });
      await this.audit.record(manager, actor, {
        action: 'credential.ended',
        entityType: 'credential',
        entityId: id,
        before: { validUntil: latest },
        after: { validUntil: dto.lastDay, reason: dto.reason },
      });
    });
    return this.getAsStaff(id);
  }

  /**
   * Issues a membership card on admission, in the admission's transaction: numbered with the
   * member number, valid as far as the membership is covered.
   */
  async issueMembershipCard(
    manager: EntityManager,
    actor: Actor,
    card: {
      personId: string;
      credentialTypeId: string;
      memberNumber: string;
      validFrom: string;
      validUntil: string;
    },
  ): Promise<{ id: string; number: string }> {
    const type = await this.findActiveType(manager, card.credentialTypeId);
    if (!type.membershipCard || !type.numberFormat) {
      throw new AppError('validation-failed', `${type.code} is not a membership card`);
    }
    if (type.issueRequirements) {
      await this.requireMet(manager, type, type.issueRequirements, card.personId);
    }
    const number = await this.nextNumber(
      manager,
      type,
      type.numberFormat,
      card.personId,
      card.validFrom,
      { member: card.memberNumber },
    );
    const id = await this.insert(manager, actor, {
      personId: card.personId,
      type,
      number,
      issuingAuthority: type.issuingAuthority,
      validFrom: card.validFrom,
      validUntil: card.validUntil,
      verificationStatus: 'verified',
      event: 'issued',
    });
    return { id, number };
  }

  async search(actor: Actor, query: CredentialsQuery): Promise<Page<CredentialResponse>> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    const asOf = this.calendar.today();
    const qb = this.repository.pageQuery({
      personId,
      number: query.number,
      credentialTypeId: query.credentialTypeId,
      verificationStatus: query.verificationStatus,
      status: query.status,
      today: asOf,
      scope: this.access.listCondition(actor, 'c.person_id'),
      professionId: scopedProfessionOf(actor),
    });
    return paginate(qb, query, (credential) => toResponse(credential, asOf));
  }

  async get(actor: Actor, id: string): Promise<CredentialResponse> {
    await this.requireCredential(actor, id);
    const credential = await this.load(this.transactions.reader, id);
    return toResponse(credential, this.calendar.today());
  }

  async attachEvidence(actor: Actor, id: string, upload: Upload): Promise<EvidenceResponse> {
    await this.requireCredential(actor, id);
    const credential = await this.load(this.transactions.reader, id);
    return this.evidence.attach(
      actor,
      { personId: credential.personId, subjectType: 'credential', subjectId: id },
      upload,
    );
  }

  async listEvidence(actor: Actor, id: string): Promise<EvidenceResponse[]> {
    await this.requireCredential(actor, id);
    await this.load(this.transactions.reader, id); // staff asking for a missing one get 404
    return this.evidence.listFor('credential', id);
  }

  /** The printable certificate of a credential issued here, with a QR code to its public page. */
  async certificate(actor: Actor, id: string): Promise<{ number: string; pdf: Buffer }> {
    await this.requireCredential(actor, id);
    const credential = await this.load(this.transactions.reader, id);
    if (credential.credentialType.issuerKind !== 'association') {
      throw new CredentialsError(
        'no-certificate',
        `${credential.credentialType.code} is issued by ${credential.issuingAuthority}; their document is the certificate`,
      );
    }
    if (credential.status === 'revoked')
      throw new CredentialsError('no-certificate', 'A revoked credential has no certificate');
    if (!credential.credentialType.publiclyVerifiable) {
      throw new CredentialsError(
        'no-certificate',
        `${credential.credentialType.code} is not shown to verifiers: it has no certificate to check`,
      );
    }
    const answer = await this.publicVerification.findByNumber(credential.number);
    if (!answer) throw notFound('Credential', id);
    const verifyUrl = `${this.config.get('publicBaseUrl', { infer: true })}/verify/${encodeURIComponent(credential.number)}`;
    return {
      number: credential.number,
      pdf: await renderCertificate(
        answer,
        verifyUrl,
        this.config.get('associationName', { infer: true }),
      ),
    };
  }

  private async getAsStaff(id: string): Promise<CredentialResponse> {
    return toResponse(await this.load(this.transactions.reader, id), this.calendar.today());
  }

  /**
   * Inserts a credential with its first period and event. Where the type caps how many one
   * person may hold, or is issued per place, an advisory lock per person and type makes
   * concurrent requests count in turn.
   */
  private async insert(
    manager: EntityManager,
    actor: Actor,
    values: NewCredential,
  ): Promise<string> {
    const { type } = values;
    if (type.maxActivePerPerson !== null || type.perPlace) {
      const counts = await this.repository.lockAndCountTowardCap(
        manager,
        [{ personId: values.personId, typeId: type.id }],
        this.calendar.today(),
      );
      const replaced =
        values.replaces?.credentialTypeId === type.id &&
        statusOf(values.replaces, this.calendar.today()) === 'active';
      const held = (counts.get(`${values.personId}:${type.id}`) ?? 0) - (replaced ? 1 : 0);
      // Under the same lock: two permits for one place sent together meet here, one by one.
      if (type.perPlace && values.place) {
        const there = await this.repository.heldAtPlace(
          manager,
          values.personId,
          type.id,
          values.place,
          this.calendar.today(),
        );
        if (there) {
          throw new CredentialsError(
            'place-held',
            `This person holds ${type.code} ${there} for ${values.place} already: one per place of practice`,
            { errors: [{ field: 'place', message: `${type.code} ${there} is for this place` }] },
          );
        }
      }
      if (type.maxActivePerPerson !== null && held >= type.maxActivePerPerson) {
        throw new CredentialsError(
          'credential-limit-reached',
          `A person may hold at most ${type.maxActivePerPerson} valid ${type.code} at once; this person holds ${held}`,
        );
      }
    }
    const id = await this.repository.insertCredential(manager, {
      personId: values.personId,
      credentialTypeId: type.id,
      number: values.number,
      issuingAuthority: values.issuingAuthority,
      speciality: values.speciality ?? null,
      place: values.place ?? null,
      status: 'active',
      verificationStatus: values.verificationStatus,
      validFrom: values.validFrom,
      validUntil: values.validUntil,
    });
    await this.repository.insertEvent(manager, {
      credentialId: id,
      event: values.event,
      actorAccountId: actor.kind === 'account' ? actor.accountId : null,
    });
    await this.audit.record(manager, actor, {
      action: `credential.${values.event}`,
      entityType: 'credential',
      entityId: id,
      after: {
        personId: values.personId,
        type: type.code,
        number: values.number,
        validFrom: values.validFrom,
        validUntil: values.validUntil,
      },
    });
    return id;
  }

  /** Refuses to issue unless the person meets the type's requirement today, naming each unmet part. */
  private async requireMet(
    manager: EntityManager,
    { code, professionId }: Pick<CredentialType, 'code' | 'professionId'>,
    requirement: Requirement,
    personId: string,
  ): Promise<void> {
    // Nobody meets a requirement: an unknown person is named as such, not as unqualified.
    if (!(await this.people.exists(manager, personId))) {
      throw new AppError('reference-conflict', 'The person does not exist');
    }
    const today = this.calendar.today();
    const qualifications = await this.qualifications.qualificationsOf(manager, personId);
    const { met, results } = evaluate(requirement, {
      today,
      professionId,
      credentials: await this.repository.heldForRequirements(manager, personId, today),
      qualifications: qualifications.filter((q) => q.status === 'verified'),
      // A pledge to the code of the type's profession (of none: never met).
      pledge: names(requirement, 'pledge')
        ? await this.ethics.pledgeStanding(manager, personId, professionId)
        : undefined,
      fees: names(requirement, 'fees') ? await this.dues.overdue(manager, personId) : undefined,
      person: namesPersonFacts(requirement)
        ? await this.people.requirementFacts(manager, personId, today)
        : undefined,
    });
    if (met) return;
    const unmet = results.filter((result) => !result.met);
    throw new CredentialsError(
      'issue-requirements-unmet',
      `${code} is issued only when its requirements are met: ${unmet.map((r) => r.detail).join('; ')}`,
      { requirements: results },
    );
  }

  /**
   * The number of a credential issued here from its type's format: the dates of its validity
   * start, the profession's code, the holder's chapter, a card's member number, and the next of
   * its sequence (the upsert locks the counter row until the transaction ends).
   */
  private async nextNumber(
    manager: EntityManager,
    type: CredentialType,
    format: string,
    personId: string,
    validFrom: string,
    { member, speciality }: { member?: string; speciality?: string | null } = {},
  ): Promise<string> {
    const year = Number(validFrom.slice(0, 4));
    const month = Number(validFrom.slice(5, 7));
    const { profession, chapter } = await this.numberParts(manager, type, personId);
    // A card numbered by the member number alone has no sequence of its own.
    const sequence = format.includes('{SEQ')
      ? await this.repository.nextInSequence(
          manager,
          type.id,
          sequenceScope(format, year, month, chapter),
        )
      : 0;
    return formatNumber(format, {
      typeCode: type.code,
      year,
      month,
      sequence,
      profession,
      speciality: speciality ?? undefined,
      chapter,
      member,
    });
  }

  /**
   * The speciality a credential is issued in: one of its type's profession's in use, and named
   * where the type's numbers carry it.
   */
  private async specialityFor(
    manager: EntityManager,
    type: CredentialType,
    speciality: string | undefined,
  ): Promise<string | null> {
    const refuse = (message: string) =>
      new AppError('validation-failed', 'Check these fields: speciality', {
        errors: [{ field: 'speciality', message }],
      });
    if (speciality === undefined) {
      if (needsSpeciality(type.numberFormat ?? '')) {
        throw refuse(`speciality is needed: ${type.code} numbers carry it`);
      }
      return null;
    }
    const known = type.professionId
      ? await this.professions.specialityCodes(manager, type.professionId)
      : [];
    if (!known.includes(speciality)) {
      throw refuse(
        `speciality must be one of ${type.code}'s profession in use: ${known.join(', ') || 'it has none'}`,
      );
    }
    return speciality;
  }

  /** What a number of this type carries besides dates: its profession's code, the holder's chapter. */
  private async numberParts(
    manager: EntityManager,
    type: CredentialType,
    personId: string,
  ): Promise<{ profession?: string; chapter?: string }> {
    const format = type.numberFormat ?? '';
    const profession =
      needsProfession(format) && type.professionId
        ? (await this.professions.byIds(manager, [type.professionId])).get(type.professionId)?.code
        : undefined;
    if (!needsChapter(format)) return { profession };
    const chapterId = await this.people.chapterIdOf(manager, personId);
    if (!chapterId) {
      throw new CredentialsError(
        'holder-without-chapter',
        `${type.code} numbers carry the holder's chapter, and person ${personId} has none: a member's chapter is their membership's, or their open application's`,
      );
    }
    return { profession, chapter: await this.chapters.codeOf(manager, chapterId) };
  }

  /** A status or verification change under a row lock, with its event and audit row. */
  private async change(
    actor: AccountActor,
    id: string,
    decide: (credential: Credential) => {
      values: Partial<
        Pick<Credential, 'status' | 'statusReason' | 'suspendedUntil' | 'verificationStatus'>
      >;
      event: {
        event: CredentialEventKind;
        reason?: string;
        method?: string;
        sourceReference?: string;
        suspendedUntil?: string | null;
      };
    },
  ): Promise<void> {
    await this.requireCredential(actor, id);
    await this.transactions.run(async (manager) => {
      const credential = await this.repository.lock(manager, id);
      if (!credential) throw notFound('Credential', id);
      const { values, event } = decide(credential);
      const statusChanged = values.status !== undefined && values.status !== credential.status;
      await this.repository.updateCredential(manager, id, {
        ...values,
        ...(statusChanged ? { statusChangedAt: new Date() } : {}),
      });
      await this.repository.insertEvent(manager, {
        credentialId: id,
        event: event.event,
        reason: event.reason ?? null,
        method: event.method ?? null,
        sourceReference: event.sourceReference ?? null,
        suspendedUntil: event.suspendedUntil ?? null,
        actorAccountId: actor.accountId,
      });
      await this.audit.record(manager, actor, {
        action: `credential.${event.event}`,
        entityType: 'credential',
        entityId: id,
        before: Object.fromEntries(
          Object.keys(values).map((key) => [key, credential[key as keyof Credential]]),
        ),
        after: {
          ...values,
          reason: event.reason,
          method: event.method,
          sourceReference: event.sourceReference,
        },
      });
    });
  }

  /** Refuses a change unless the credential reads, today, as one of `allowed`. */
  private requireStatus(
    credential: Credential,
    allowed: CredentialStatus[],
    message: string,
  ): void {
    const current = statusOf(credential, this.calendar.today());
    if (!allowed.includes(current))
      throw new CredentialsError('credential-status-refused', message, { currentStatus: current });
  }

  private async findType(manager: EntityManager, id: string): Promise<CredentialType> {
    const type = await this.repository.findType(manager, id);
    if (!type) throw notFound('Credential type', id);
    return type;
  }

  /** A type new credentials may be issued or recorded under: one switched on. */
  private async findActiveType(manager: EntityManager, id: string): Promise<CredentialType> {
    const type = await this.findType(manager, id);
    if (!type.active) {
      throw new CredentialsError(
        'credential-type-inactive',
        `${type.code} is switched off: nothing new is issued or recorded under it`,
      );
    }
    return type;
  }

  private async lockOrFail(manager: EntityManager, id: string): Promise<Credential> {
    const credential = await this.repository.lock(manager, id);
    if (!credential) throw notFound('Credential', id);
    return credential;
  }

  private async load(manager: EntityManager, id: string): Promise<Credential> {
    const credential = await this.repository.findWhole(manager, id);
    if (!credential) throw notFound('Credential', id);
    return credential;
  }
}

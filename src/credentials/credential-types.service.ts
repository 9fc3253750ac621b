import { holdsFor } from 'src/common/profession-scope';
import {
  carriesMemberNumber,
  needsProfession,
  type IssuerKind,
  type OnMembershipEnd,
} from 'src/credentials/credential-rules';
import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import type {
  CreateCredentialTypeDto,
  CredentialTypeResponse,
  UpdateCredentialTypeDto,
} from 'src/credentials/dto/credential-type.dto';
import type { CredentialType } from 'src/credentials/entities/credential-type.entity';
import { CredentialTypesRepository } from 'src/credentials/credential-types.repository';
import { Transactions } from 'src/database/transactions';
import { ProfessionsPort } from 'src/professions/professions.port';
import { EducationPort } from 'src/education/education.port';
import { type Requirement, requirementProblems } from 'src/requirements/requirement-rules';
import { DEGREE_LEVELS } from 'src/education/education.types';
import type { EntityManager } from 'typeorm';
import { CredentialsError } from 'src/credentials/credentials.errors';

export const toCredentialTypeResponse = (type: CredentialType): CredentialTypeResponse => ({
  id: type.id,
  code: type.code,
  name: type.name,
  professionId: type.professionId,
  profession: type.profession,
  issuerKind: type.issuerKind,
  issuingAuthority: type.issuingAuthority,
  validityMonths: type.validityMonths,
  graceDays: type.graceDays,
  renewalWindowDays: type.renewalWindowDays,
  autoRenew: type.autoRenew,
  numberFormat: type.numberFormat,
  maxActivePerPerson: type.maxActivePerPerson,
  perPlace: type.perPlace,
  onMembershipEnd: type.onMembershipEnd,
  publiclyVerifiable: type.publiclyVerifiable,
  membershipCard: type.membershipCard,
  issueRequirements: type.issueRequirements,
  active: type.active,
});

const FIELDS: (keyof CredentialTypeResponse)[] = [
  'name',
  'professionId',
  'issuingAuthority',
  'validityMonths',
  'graceDays',
  'renewalWindowDays',
  'autoRenew',
  'numberFormat',
  'maxActivePerPerson',
  'perPlace',
  'onMembershipEnd',
  'publiclyVerifiable',
  'membershipCard',
  'issueRequirements',
  'active',
];

/**
 * A membership card is issued here, numbered with the member number and ended with the
 * membership; only a card's number carries the member number.
 */
function requireCardShape(
  card: boolean,
  issuerKind: IssuerKind,
  numberFormat: string | null,
  onMembershipEnd: OnMembershipEnd,
) {
  const errors: { field: string; message: string }[] = [];
  if (card && issuerKind !== 'association') {
    errors.push({
      field: 'membershipCard',
      message: 'membershipCard is a card the association issues',
    });
  }
  if (card && !(numberFormat && carriesMemberNumber(numberFormat))) {
    errors.push({
      field: 'numberFormat',
      message: 'numberFormat of a membership card carries {MEMBER}',
    });
  }
  if (!card && numberFormat && carriesMemberNumber(numberFormat)) {
    errors.push({
      field: 'numberFormat',
      message: 'numberFormat carries {MEMBER} only on a membership card',
    });
  }
  if (card && onMembershipEnd !== 'revoke') {
    errors.push({
      field: 'onMembershipEnd',
      message: 'onMembershipEnd of a membership card is revoke: it ends with the membership',
    });
  }
  if (errors.length) {
    throw new AppError(
      'validation-failed',
      `Check these fields: ${errors.map((e) => e.field).join(', ')}`,
      { errors },
    );
  }
}

/** A format that prints the profession's code needs the type to have a profession. */
function requireProfessionIfPrinted(numberFormat: string | null, professionId: string | null) {
  if (numberFormat && needsProfession(numberFormat) && !professionId) {
    throw new AppError('validation-failed', 'Check these fields: numberFormat', {
      errors: [
        {
          field: 'numberFormat',
          message: 'numberFormat uses {PROFESSION}, but the type has no profession (professionId)',
        },
      ],
    });
  }
}

/** A licence issued elsewhere is its issuer's to end: a membership ending keeps it. */
function requireKeptIfExternal(
  issuerKind: IssuerKind,
  onMembershipEnd: OnMembershipEnd | undefined,
) {
  if (issuerKind === 'external' && onMembershipEnd !== undefined && onMembershipEnd !== 'keep') {
    throw new AppError('validation-failed', 'Check these fields: onMembershipEnd', {
      errors: [
        {
          field: 'onMembershipEnd',
          message: 'a credential issued elsewhere is kept when a membership ends',
        },
      ],
    });
  }
}

/** Credential types are configuration: admins change them, everyone signed in reads them. */
@Injectable()
export class CredentialTypesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly types: CredentialTypesRepository,
    private readonly audit: AuditService,
    private readonly professions: ProfessionsPort,
    private readonly qualifications: EducationPort,
  ) {}

  create(
    actor: Actor,
    dto: CreateCredentialTypeDto,
    within?: EntityManager,
  ): Promise<CredentialTypeResponse> {
    requireKeptIfExternal(dto.issuerKind, dto.onMembershipEnd);
    requireProfessionIfPrinted(dto.numberFormat ?? null, dto.professionId ?? null);
    const card = dto.membershipCard ?? false;
    requireCardShape(
      card,
      dto.issuerKind,
      dto.numberFormat ?? null,
      dto.onMembershipEnd ?? (card ? 'revoke' : 'keep'),
    );
    return this.transactions.run(async (manager) => {
      if (dto.issueRequirements) {
        await this.requireKnownNames(manager, dto.issueRequirements, dto.professionId ?? null);
      }
      if (dto.professionId) await this.professions.requireActive(manager, dto.professionId);
      const { id } = await this.types.insert(manager, {
        ...dto,
        professionId: dto.professionId ?? null,
        validityMonths: dto.validityMonths ?? null,
        graceDays: dto.graceDays ?? 0,
        renewalWindowDays: dto.renewalWindowDays ?? 90,
        autoRenew: dto.autoRenew ?? false,
        numberFormat: dto.numberFormat ?? null,
        maxActivePerPerson: dto.maxActivePerPerson ?? null,
        perPlace: dto.perPlace ?? false,
        onMembershipEnd: dto.onMembershipEnd ?? (card ? 'revoke' : 'keep'),
        publiclyVerifiable: dto.publiclyVerifiable ?? true,
        membershipCard: dto.membershipCard ?? false,
        issueRequirements: dto.issueRequirements ?? null,
        active: true,
      });
      const type = await this.types.find(manager, id);
      const view = toCredentialTypeResponse(type!);
      await this.audit.record(manager, actor, {
        action: 'credential_type.created',
        entityType: 'credential_type',
        entityId: id,
        after: view,
      });
      return view;
    }, within);
  }

  async list(within?: EntityManager): Promise<CredentialTypeResponse[]> {
    const types = await this.types.listByCode(within ?? this.transactions.reader);
    return types.map(toCredentialTypeResponse);
  }

  async get(id: string): Promise<CredentialTypeResponse> {
    const type = await this.types.find(this.transactions.reader, id);
    if (!type) throw notFound('Credential type', id);
    return toCredentialTypeResponse(type);
  }

  update(
    actor: Actor,
    id: string,
    dto: UpdateCredentialTypeDto,
    within?: EntityManager,
  ): Promise<CredentialTypeResponse> {
    return this.transactions.run(async (manager) => {
      const before = await this.types.lockForChange(manager, id);
      if (!before) throw notFound('Credential type', id);
      requireKeptIfExternal(before.issuerKind, dto.onMembershipEnd);
      if (before.issuerKind === 'association' && dto.numberFormat === null) {
        throw new CredentialsError(
          'number-format-required',
          'A credential issued here needs a number format',
        );
      }
      if (dto.issueRequirements) {
        const professionId =
          dto.professionId === undefined ? before.professionId : dto.professionId;
        await this.requireKnownNames(manager, dto.issueRequirements, professionId);
      }
      requireCardShape(
        dto.membershipCard ?? before.membershipCard,
        before.issuerKind,
        dto.numberFormat === undefined ? before.numberFormat : dto.numberFormat,
        dto.onMembershipEnd ?? before.onMembershipEnd,
      );
      requireProfessionIfPrinted(
        dto.numberFormat === undefined ? before.numberFormat : dto.numberFormat,
        dto.professionId === undefined ? before.professionId : dto.professionId,
      );
      if (dto.professionId && dto.professionId !== before.professionId) {
        await this.professions.requireActive(manager, dto.professionId);
      }
      await this.types.save(manager, { ...before, ...dto });
      const after = (await this.types.find(manager, id))!;
      const diff = changedFields(
        toCredentialTypeResponse(before),
        toCredentialTypeResponse(after),
        FIELDS,
      );
      if (diff.changed.length) {
        await this.audit.record(manager, actor, {
          action: 'credential_type.updated',
          entityType: 'credential_type',
          entityId: id,
          before: diff.before,
          after: diff.after,
        });
      }
      return toCredentialTypeResponse(after);
    }, within);
  }

  /**
   * A requirement is well formed and names degrees the association has and credential types of
   * the type's profession (or of none).
   */
  private async requireKnownNames(
    manager: EntityManager,
    requirement: Requirement,
    professionId: string | null,
  ) {
    const errors = await requirementProblems(requirement, 'issueRequirements', {
      credentialTypeCodes: async () =>
        new Set(
          (await this.types.listByCode(manager))
            .filter((type) => holdsFor(type.professionId, professionId))
            .map((type) => type.code),
        ),
      degreeNames: (codes) => this.qualifications.degreeNames(manager, codes),
      degreeLevels: DEGREE_LEVELS,
    });
    if (errors.length) {
      throw new AppError('validation-failed', 'Check these fields: issueRequirements', { errors });
    }
  }
}

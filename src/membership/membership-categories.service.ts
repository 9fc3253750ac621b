import type { EntityManager } from 'typeorm';
import { EducationPort } from 'src/education/education.port';
import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import type {
  CreateMembershipCategoryDto,
  MembershipCategoryResponse,
  UpdateMembershipCategoryDto,
} from 'src/membership/dto/membership-category.dto';
import type { MembershipCategory } from 'src/membership/entities/membership-category.entity';
import { MembershipCategoriesRepository } from 'src/membership/membership-categories.repository';
import { Transactions } from 'src/database/transactions';
import { ProfessionsPort } from 'src/professions/professions.port';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { type Requirement, requirementProblems } from 'src/requirements/requirement-rules';
import { DEGREE_LEVELS } from 'src/education/education.types';

export const toCategoryResponse = (category: MembershipCategory): MembershipCategoryResponse => ({
  id: category.id,
  code: category.code,
  name: category.name,
  description: category.description,
  professionId: category.professionId,
  acceptsApplications: category.acceptsApplications,
  active: category.active,
  requirements: category.requirements,
  cardCredentialTypeId: category.cardCredentialTypeId,
  duesMinor: Number(category.duesMinor),
  applicationFeeMinor:
    category.applicationFeeMinor === null ? null : Number(category.applicationFeeMinor),
  currency: category.currency,
  periodMonths: category.periodMonths,
  graceDays: category.graceDays,
  renewalWindowDays: category.renewalWindowDays,
  renewalNoticeDays: category.renewalNoticeDays,
  autoRenew: category.autoRenew,
  memberNumberFormat: category.memberNumberFormat,
});

const FIELDS = [
  'name',
  'description',
  'professionId',
  'acceptsApplications',
  'active',
  'requirements',
  'cardCredentialTypeId',
  'duesMinor',
  'applicationFeeMinor',
  'currency',
  'periodMonths',
  'graceDays',
  'renewalWindowDays',
  'renewalNoticeDays',
  'autoRenew',
  'memberNumberFormat',
] as const satisfies (keyof MembershipCategoryResponse)[];

const toColumns = (dto: UpdateMembershipCategoryDto): Partial<MembershipCategory> => {
  const { duesMinor, applicationFeeMinor, ...rest } = dto;
  return {
    ...rest,
    ...(duesMinor !== undefined && { duesMinor: String(duesMinor) }),
    ...(applicationFeeMinor !== undefined && {
      applicationFeeMinor: applicationFeeMinor === null ? null : String(applicationFeeMinor),
    }),
  };
};

/**
 * Membership categories are configuration: admins change them, everyone reads them. A change
 * applies to periods that start after it; periods already invoiced keep their amounts.
 */
@Injectable()
export class MembershipCategoriesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly categories: MembershipCategoriesRepository,
    private readonly audit: AuditService,
    private readonly qualifications: EducationPort,
    private readonly professions: ProfessionsPort,
    private readonly credentialRegister: CredentialsPort,
  ) {}

  /**
   * The card a category issues on admission must be a credential type that is a card, of the
   * category's profession (or of none).
   */
  private async requireCard(
    manager: EntityManager,
    typeId: string,
    professionId: string | null,
  ): Promise<void> {
    const found = (await this.credentialRegister.typesHoldingFor(manager, professionId)).find(
      (type) => type.id === typeId,
    );
    if (!found?.membershipCard) {
      throw new AppError('validation-failed', 'Check these fields: cardCredentialTypeId', {
        errors: [
          {
            field: 'cardCredentialTypeId',
            message: found
              ? `cardCredentialTypeId must be a membership card; ${found.code} is not one`
              : "cardCredentialTypeId must be a credential type that exists, of the category's profession or of none",
          },
        ],
      });
    }
  }

  /**
   * A requirement is well formed and names degrees the association has and credential types of
   * the category's profession (or of none).
   */
  private async requireWellFormed(
    manager: EntityManager,
    requirements: Requirement,
    professionId: string | null,
  ): Promise<void> {
    const errors = await requirementProblems(requirements, 'requirements', {
      credentialTypeCodes: async () =>
        new Set(
          (await this.credentialRegister.typesHoldingFor(manager, professionId)).map(
            (type) => type.code,
          ),
        ),
      degreeNames: (codes) => this.qualifications.degreeNames(manager, codes),
      degreeLevels: DEGREE_LEVELS,
    });
    if (errors.length) {
      throw new AppError('validation-failed', 'Check these fields: requirements', { errors });
    }
  }

  async list(within?: EntityManager): Promise<MembershipCategoryResponse[]> {
    const categories = await this.categories.listByCode(within ?? this.transactions.reader);
    return categories.map(toCategoryResponse);
  }

  async get(id: string): Promise<MembershipCategoryResponse> {
    const category = await this.categories.find(this.transactions.reader, id);
    if (!category) throw notFound('Membership category', id);
    return toCategoryResponse(category);
  }

  async create(
    actor: Actor,
    dto: CreateMembershipCategoryDto,
    within?: EntityManager,
  ): Promise<MembershipCategoryResponse> {
    return this.transactions.run(async (manager) => {
      const professionId = dto.professionId ?? null;
      if (dto.requirements) await this.requireWellFormed(manager, dto.requirements, professionId);
      if (dto.cardCredentialTypeId) {
        await this.requireCard(manager, dto.cardCredentialTypeId, professionId);
      }
      if (dto.professionId) await this.professions.requireActive(manager, dto.professionId);
      const category = await this.categories.insert(manager, {
        ...toColumns(dto),
        code: dto.code,
      });
      const response = toCategoryResponse(category);
      await this.audit.record(manager, actor, {
        action: 'membership_category.created',
        entityType: 'membership_category',
        entityId: category.id,
        after: response,
      });
      return response;
    }, within);
  }

  async update(
    actor: Actor,
    id: string,
    dto: UpdateMembershipCategoryDto,
    within?: EntityManager,
  ): Promise<MembershipCategoryResponse> {
    return this.transactions.run(async (manager) => {
      const category = await this.categories.lockForChange(manager, id);
      if (!category) throw notFound('Membership category', id);
      // What it names is read for the profession it will have: a category moved to another
      // profession keeps only the requirements and card that hold there.
      const professionId =
        dto.professionId === undefined ? category.professionId : dto.professionId;
      const moved = professionId !== category.professionId;
      const requirements = dto.requirements ?? (moved ? category.requirements : null);
      if (requirements) await this.requireWellFormed(manager, requirements, professionId);
      const cardId = dto.cardCredentialTypeId ?? (moved ? category.cardCredentialTypeId : null);
      if (cardId) await this.requireCard(manager, cardId, professionId);
      if (dto.professionId && dto.professionId !== category.professionId) {
        await this.professions.requireActive(manager, dto.professionId);
      }
      const before = toCategoryResponse(category);
      await this.categories.change(manager, category, toColumns(dto));
      const after = toCategoryResponse(category);
      const diff = changedFields(before, after, [...FIELDS]);
      if (diff.changed.length) {
        await this.audit.record(manager, actor, {
          action: 'membership_category.updated',
          entityType: 'membership_category',
          entityId: id,
          before: diff.before,
          after: diff.after,
        });
      }
      return after;
    }, within);
  }
}

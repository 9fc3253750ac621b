import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import {
  isStaffActor,
  requireAccount,
  requireOwnPerson,
  requirePersonRecord,
} from 'src/auth/access';
import type { AccountActor, Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { addDays } from 'src/common/dates';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import { CredentialsService } from 'src/credentials/credentials.service';
import { QualificationsService } from 'src/education/qualifications.service';
import { EthicsService } from 'src/ethics/ethics.service';
import type {
  ApplicationChecksResponse,
  ApplicationResponse,
  ApplicationsQuery,
  CreateApplicationDto,
  RejectApplicationDto,
  WithdrawApplicationDto,
} from 'src/membership/dto/membership-application.dto';
import { DuesService } from 'src/membership/dues.service';
import { Invoice } from 'src/membership/entities/invoice.entity';
import { MembershipApplication } from 'src/membership/entities/membership-application.entity';
import { MembershipCategory } from 'src/membership/entities/membership-category.entity';
import { Membership } from 'src/membership/entities/membership.entity';
import {
  canMoveApplication,
  membershipStatus,
  pipelineChecks,
  type ApplicationStatus,
  type PipelineCheck,
} from 'src/membership/membership-rules';
import { MembershipsService } from 'src/membership/memberships.service';
import { MembershipRepository } from 'src/membership/membership.repository';
import { MembershipError } from 'src/membership/membership.errors';

/** What a step of the path records beside the new status. */
type ApplicationStepValues = Partial<
  Pick<
    MembershipApplication,
    | 'submittedAt'
    | 'reviewStartedAt'
    | 'reviewerAccountId'
    | 'decidedAt'
    | 'decidedByAccountId'
    | 'decisionReason'
  >
>;

const toResponse = (
  application: MembershipApplication,
  links: { feeInvoiceId: string | null; membershipId: string | null },
): ApplicationResponse => ({
  id: application.id,
  personId: application.personId,
  category: {
    id: application.category.id,
    code: application.category.code,
    name: application.category.name,
  },
  chapterId: application.chapterId,
  speciality: application.speciality,
  status: application.status,
  submittedAt: application.submittedAt,
  reviewStartedAt: application.reviewStartedAt,
  reviewerAccountId: application.reviewerAccountId,
  decidedAt: application.decidedAt,
  decidedByAccountId: application.decidedByAccountId,
  decisionReason: application.decisionReason,
  ...links,
  createdAt: application.createdAt,
});

/**
 * Step 3 of the pipeline: a person applies, staff decide. Submitting and approving run every
 * check of the pipeline; each unmet one is named in the answer.
 */
@Injectable()
export class MembershipApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: MembershipRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly dues: DuesService,
    private readonly memberships: MembershipsService,
    private readonly qualifications: QualificationsService,
    private readonly credentials: CredentialsService,
    private readonly ethics: EthicsService,
  ) {}

  /** Opens a draft; where the category charges an application fee, its invoice is issued now. */
  async create(actor: Actor, dto: CreateApplicationDto): Promise<ApplicationResponse> {
    const account = requireAccount(actor);
    const staff = isStaffActor(actor);
    if (dto.personId && !staff)
      throw new AppError('forbidden', 'Members apply for themselves only');
    const personId = staff && dto.personId ? dto.personId : requireOwnPerson(actor);
    const id = await this.dataSource.transaction(async (manager) => {
      const category = await manager.findOneBy(MembershipCategory, { id: dto.categoryId });
      if (!category) throw notFound('Membership category', dto.categoryId);
      if (!category.acceptsApplications && !staff) {
        throw new MembershipError(
          'category-not-open',
          `${category.code} membership is conferred by the association, not applied for`,
        );
      }
      const application = await manager.save(
        manager.create(MembershipApplication, {
          personId,
          categoryId: category.id,
          chapterId: dto.chapterId,
          speciality: dto.speciality ?? null,
          status: 'draft',
          createdByAccountId: account.accountId,
        }),
      );
      if (category.applicationFeeMinor !== null) {
        const today = this.calendar.today();
        await this.dues.issueInvoice(manager, actor, {
          personId,
          kind: 'application_fee',
          applicationId: application.id,
          description: `Application fee, ${category.name}`,
          amountMinor: category.applicationFeeMinor,
          currency: category.currency,
          issuedOn: today,
          dueOn: addDays(today, 30),
        });
      }
      await this.audit.record(manager, actor, {
        action: 'membership_application.drafted',
        entityType: 'membership_application',
        entityId: application.id,
        after: { personId, category: category.code, chapterId: dto.chapterId },
      });
      return application.id;
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, query: ApplicationsQuery): Promise<Page<ApplicationResponse>> {
    const personId = isStaffActor(actor) ? query.personId : requireOwnPerson(actor);
    const qb = this.repository.applicationsQuery({
      personId,
      status: query.status,
      categoryId: query.categoryId,
      chapterId: query.chapterId,
      reviewerAccountId: query.reviewerAccountId,
    });
    const page = await paginate(qb, query, (application) => application);
    const links = await this.linksOf(page.items.map((application) => application.id));
    return {
      ...page,
      items: page.items.map((application) =>
        toResponse(
          application,
          links.get(application.id) ?? { feeInvoiceId: null, membershipId: null },
        ),
      ),
    };
  }

  async get(actor: Actor, id: string): Promise<ApplicationResponse> {
    const application = await this.load(this.dataSource.manager, id);
    requirePersonRecord(actor, application.personId, 'Membership application', id);
    const links = await this.linksOf([id]);
    return toResponse(application, links.get(id) ?? { feeInvoiceId: null, membershipId: null });
  }

  /** The applicant's checklist: every check of the pipeline, met or not, as of now. */
  async checks(actor: Actor, id: string): Promise<ApplicationChecksResponse> {
    const application = await this.load(this.dataSource.manager, id);
    requirePersonRecord(actor, application.personId, 'Membership application', id);
    const checks = await this.runChecks(this.dataSource.manager, application);
    return {
      applicationId: id,
      status: application.status,
      ready: checks.every((check) => check.met),
      checks,
    };
  }

  async submit(actor: Actor, id: string): Promise<ApplicationResponse> {
    await this.move(actor, id, 'submitted', async (manager, application) => {
      await this.requireChecks(manager, application, 'submitted');
      return { submittedAt: new Date() };
    });
    return this.get(actor, id);
  }

  async startReview(actor: AccountActor, id: string): Promise<ApplicationResponse> {
    await this.move(actor, id, 'under_review', () =>
      Promise.resolve({ reviewStartedAt: new Date(), reviewerAccountId: actor.accountId }),
    );
    return this.get(actor, id);
  }

  /** Approves under the application's row lock: of two reviewers approving at once, one wins. */
  async approve(actor: AccountActor, id: string): Promise<ApplicationResponse> {
    await this.move(actor, id, 'approved', async (manager, application) => {
      await this.requireChecks(manager, application, 'approved');
      await this.memberships.admit(manager, actor, {
        personId: application.personId,
        category: application.category,
        chapterId: application.chapterId,
        speciality: application.speciality,
        applicationId: application.id,
      });
      return { decidedAt: new Date(), decidedByAccountId: actor.accountId };
    });
    return this.get(actor, id);
  }

  async reject(
    actor: AccountActor,
    id: string,
    dto: RejectApplicationDto,
  ): Promise<ApplicationResponse> {
    await this.move(actor, id, 'rejected', async (manager, application) => {
      await this.dues.waiveApplicationFee(
        manager,
        actor,
        application.id,
        `Application rejected: ${dto.reason}`,
      );
      return {
        decidedAt: new Date(),
        decidedByAccountId: actor.accountId,
        decisionReason: dto.reason,
      };
    });
    return this.get(actor, id);
  }

  async withdraw(
    actor: Actor,
    id: string,
    dto: WithdrawApplicationDto,
  ): Promise<ApplicationResponse> {
    await this.move(actor, id, 'withdrawn', async (manager, application) => {
      await this.dues.waiveApplicationFee(
        manager,
        actor,
        application.id,
        `Application withdrawn${dto.reason ? `: ${dto.reason}` : ''}`,
      );
      return {
        decidedAt: new Date(),
        decidedByAccountId: actor.kind === 'account' ? actor.accountId : null,
        decisionReason: dto.reason ?? null,
      };
    });
    return this.get(actor, id);
  }

  /** One step of the application's path under its row lock, with an audit row. */
  private async move(
    actor: Actor,
    id: string,
    to: ApplicationStatus,
    step: (
      manager: EntityManager,
      application: MembershipApplication,
    ) => Promise<ApplicationStepValues>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(MembershipApplication, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!locked) throw notFound('Membership application', id);
      // Whose it is before what state it is in: nobody learns the state of another's application.
      requirePersonRecord(actor, locked.personId, 'Membership application', id);
      const application = await this.load(manager, id);
      if (!canMoveApplication(application.status, to)) {
        throw new MembershipError(
          'application-status-refused',
          `An application that is ${application.status.replace('_', ' ')} cannot become ${to.replace('_', ' ')}`,
        );
      }
      const values = await step(manager, application);
      await manager.update(MembershipApplication, id, { ...values, status: to });
      await this.audit.record(manager, actor, {
        action: `membership_application.${to}`,
        entityType: 'membership_application',
        entityId: id,
        before: { status: application.status },
        after: { status: to, ...('decisionReason' in values && { reason: values.decisionReason }) },
      });
    });
  }

  private async requireChecks(
    manager: EntityManager,
    application: MembershipApplication,
    to: ApplicationStatus,
  ): Promise<void> {
    const checks = await this.runChecks(manager, application);
    const unmet = checks.filter((check) => !check.met);
    if (unmet.length) {
      throw new MembershipError(
        'pipeline-checks-failed',
        `The application cannot be ${to}: ${unmet.map((check) => check.detail).join('; ')}`,
        { checks: unmet },
      );
    }
  }

  /** Gathers each fact from the module that owns it, then applies the pure rules. */
  private async runChecks(
    manager: EntityManager,
    application: MembershipApplication,
  ): Promise<PipelineCheck[]> {
    const { category, personId } = application;
    const today = this.calendar.today();
    // One after another: they share the transaction's single connection, which runs one query at a time.
    const qualifications = await this.qualifications.qualificationsOf(personId, manager);
    const degreeNames = await this.qualifications.degreeNames(
      category.qualificationDegrees,
      manager,
    );
    const credential = category.requiredCredentialTypeId
      ? await this.credentials.holdsValid(
          personId,
          category.requiredCredentialTypeId,
          today,
          manager,
        )
      : null;
    const pledge = await this.ethics.pledgeStanding(personId, manager);
    const fee = await manager.findOneBy(Invoice, { applicationId: application.id });
    const membership = await manager.findOne(Membership, {
      where: { personId },
      relations: { category: true },
    });
    return pipelineChecks({
      category: {
        code: category.code,
        requiresVerifiedQualification: category.requiresVerifiedQualification,
        qualificationDegrees: category.qualificationDegrees.map((code) => ({
          code,
          name: degreeNames.get(code) ?? code,
        })),
        applicationFee: category.applicationFeeMinor !== null,
      },
      qualifications,
      credential,
      pledge,
      fee: fee?.status ?? null,
      membership: membership
        ? membershipStatus(membership, membership.category.graceDays, today)
        : null,
    });
  }

  private async load(manager: EntityManager, id: string): Promise<MembershipApplication> {
    const application = await manager.findOne(MembershipApplication, {
      where: { id },
      relations: { category: true },
    });
    if (!application) throw notFound('Membership application', id);
    return application;
  }

  private async linksOf(ids: string[]) {
    const links = new Map<string, { feeInvoiceId: string | null; membershipId: string | null }>();
    if (!ids.length) return links;
    for (const row of await this.repository.applicationLinks(ids)) {
      links.set(row.id, { feeInvoiceId: row.feeInvoiceId, membershipId: row.membershipId });
    }
    return links;
  }
}

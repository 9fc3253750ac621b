import { evaluate, names, namesPersonFacts } from 'src/requirements/requirement-rules';
import { PeoplePort } from 'src/people/people.port';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import { MembershipPersonScopes } from 'src/membership/staff-scopes.service';
import type { AccountActor, Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { EducationPort } from 'src/education/education.port';
import { EthicsPort } from 'src/ethics/ethics.port';
import type {
  ApplicationChecksResponse,
  ApplicationResponse,
  ApplicationsQuery,
  CreateApplicationDto,
  RejectApplicationDto,
  WithdrawApplicationDto,
} from 'src/membership/dto/membership-application.dto';
import { DuesPort } from 'src/dues/dues.port';
import type { MembershipApplication } from 'src/membership/entities/membership-application.entity';
import { Transactions } from 'src/database/transactions';
import { MembershipApplicationsRepository } from 'src/membership/membership-applications.repository';
import {
  canMoveApplication,
  feeStanding,
  membershipStatus,
  pipelineChecks,
  type ApplicationStatus,
  type PipelineCheck,
} from 'src/membership/membership-rules';
import { MembershipsService } from 'src/membership/memberships.service';
import { MembershipRepository } from 'src/membership/membership.repository';
import { MembershipError } from 'src/membership/membership.errors';

const APPLICATION = 'Membership application';

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
    private readonly transactions: Transactions,
    private readonly repository: MembershipApplicationsRepository,
    private readonly membershipRecords: MembershipRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly dues: DuesPort,
    private readonly memberships: MembershipsService,
    private readonly qualifications: EducationPort,
    private readonly credentials: CredentialsPort,
    private readonly ethics: EthicsPort,
    private readonly access: Access,
    private readonly scopes: MembershipPersonScopes,
    private readonly people: PeoplePort,
  ) {}

  private readonly owners = (ids: string[]) => this.repository.ownersOf(ids);

  /** Whose it is, then (for a scoped account) whether it is of its profession and chapter. */
  private async requireApplication(actor: Actor, id: string): Promise<void> {
    await this.access.require(actor, APPLICATION, id, this.owners);
    await this.scopes.requireRecord(actor, APPLICATION, id);
  }

  /** Opens a draft; where the category charges an application fee, its invoice is issued now. */
  async create(actor: Actor, dto: CreateApplicationDto): Promise<ApplicationResponse> {
    const account = requireAccount(actor);
    const staff = isStaffActor(actor);
    const personId = await this.access.requireNamedPerson(actor, dto.personId);
    const id = await this.transactions.run(async (manager) => {
      const category = await this.repository.findCategory(manager, dto.categoryId);
      if (!category) throw notFound('Membership category', dto.categoryId);
      if (!category.active) {
        throw new MembershipError(
          'category-inactive',
          `${category.code} is switched off: it takes no new applications`,
        );
      }
      if (!category.acceptsApplications && !staff) {
        throw new MembershipError(
          'category-not-open',
          `${category.code} membership is conferred by the association, not applied for`,
        );
      }
      const application = await this.repository.insertDraft(manager, {
        personId,
        categoryId: category.id,
        chapterId: dto.chapterId,
        speciality: dto.speciality ?? null,
        createdByAccountId: account.accountId,
      });
      // A scoped account drafts into its own profession's categories and its chapter only.
      await this.scopes.requireRecord(actor, APPLICATION, application.id, manager).catch(() => {
        throw new MembershipError(
          'application-outside-scope',
          'This account is scoped to a profession or chapter: the category or chapter is outside it',
        );
      });
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
      scope: this.scopes.recordCondition(actor, 'application'),
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
    await this.requireApplication(actor, id);
    const application = await this.load(this.transactions.reader, id);
    const links = await this.linksOf([id]);
    return toResponse(application, links.get(id) ?? { feeInvoiceId: null, membershipId: null });
  }

  /** The applicant's checklist: every check of the pipeline, met or not, as of now. */
  async checks(actor: Actor, id: string): Promise<ApplicationChecksResponse> {
    await this.requireApplication(actor, id);
    const application = await this.load(this.transactions.reader, id);
    const checks = await this.runChecks(this.transactions.reader, application);
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
    // Whose it is before what state it is in: nobody learns the state of another's application.
    await this.requireApplication(actor, id);
    await this.transactions.run(async (manager) => {
      if (!(await this.repository.lock(manager, id))) throw notFound(APPLICATION, id);
      const application = await this.load(manager, id);
      if (!canMoveApplication(application.status, to)) {
        throw new MembershipError(
          'application-status-refused',
          `An application that is ${application.status.replace('_', ' ')} cannot become ${to.replace('_', ' ')}`,
        );
      }
      const values = await step(manager, application);
      await this.repository.updateStatus(manager, id, { ...values, status: to });
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
    const wanted = category.requirements;
    const requirements = wanted
      ? evaluate(wanted, {
          today,
          professionId: category.professionId,
          credentials: await this.credentials.heldForRequirements(manager, personId, today),
          qualifications: (await this.qualifications.qualificationsOf(manager, personId)).filter(
            (q) => q.status === 'verified',
          ),
          pledge: names(wanted, 'pledge')
            ? await this.ethics.pledgeStanding(manager, personId, category.professionId)
            : undefined,
          fees: names(wanted, 'fees') ? await this.dues.overdue(manager, personId) : undefined,
          applicationFee: names(wanted, 'applicationFee')
            ? feeStanding(await this.dues.feeStatus(manager, application.id))
            : undefined,
          person: namesPersonFacts(wanted)
            ? await this.people.requirementFacts(manager, personId, today)
            : undefined,
        })
      : null;
    const membership = await this.membershipRecords.findMembershipOfPerson(manager, personId);
    return pipelineChecks({
      requirements,
      membership: membership
        ? membershipStatus(membership, membership.category.graceDays, today)
        : null,
    });
  }

  private async load(manager: EntityManager, id: string): Promise<MembershipApplication> {
    const application = await this.repository.findWithCategory(manager, id);
    if (!application) throw notFound(APPLICATION, id);
    return application;
  }

  private async linksOf(ids: string[]) {
    const fees = await this.dues.feeInvoiceIds(this.transactions.reader, ids);
    const memberships = await this.repository.membershipIdsOf(ids);
    return new Map(
      ids.map((id) => [
        id,
        { feeInvoiceId: fees.get(id) ?? null, membershipId: memberships.get(id) ?? null },
      ]),
    );
  }
}

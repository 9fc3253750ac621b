import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { Access, isStaffActor, requireAccount, requireOwnPerson } from 'src/auth/access';
import { MembershipPersonScopes } from 'src/membership/staff-scopes.service';
import type { Actor } from 'src/auth/principal';
import { ChaptersPort } from 'src/chapters/chapters.port';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { Calendar } from 'src/common/calendar';
import { holdsOn } from 'src/common/suspensions';
import { lastDayOfTerm } from 'src/common/dates';
import { AppError, notFound } from 'src/common/errors/app-error';
import type {
  ChangeMembershipStatusDto,
  DirectoryListingDto,
  MembershipPage,
  MembershipResponse,
  MembershipsQuery,
} from 'src/membership/dto/membership.dto';
import { DuesPort } from 'src/dues/dues.port';
import type { MembershipCategory } from 'src/membership/entities/membership-category.entity';
import type { Membership } from 'src/membership/entities/membership.entity';
import { toSummary } from 'src/membership/membership-summary';
import { MembershipStatusChanges } from 'src/membership/membership-status-changes';
import { MembershipSuspensions } from 'src/membership/membership-suspensions';
import { MembershipEndings, type Ending } from 'src/membership/membership-endings';
import type { MembershipSuspension } from 'src/membership/entities/membership-suspension.entity';
import { MembershipCoverService } from 'src/membership/membership-cover.service';
import { Transactions } from 'src/database/transactions';
import {
  FINAL_STATUSES,
  membershipStatus,
  type MembershipStatus,
} from 'src/membership/membership-rules';
import { MemberNumbers } from 'src/membership/member-numbers';
import { MemberListRepository } from 'src/membership/member-list.repository';
import { MembershipRepository } from 'src/membership/membership.repository';
import { MembershipError } from 'src/membership/membership.errors';

/** The unfiltered member list counts its total up to here. */
const LIST_COUNT_CAP = 1_000;

export interface Admission {
  personId: string;
  category: MembershipCategory;
  chapterId: string;
  speciality: string | null;
  applicationId: string;
}

/** Memberships: admission, the record a member and staff read, statuses set by hand. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly statusChanges: MembershipStatusChanges,
    private readonly repository: MembershipRepository,
    private readonly memberNumbers: MemberNumbers,
    private readonly memberList: MemberListRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly dues: DuesPort,
    private readonly chapters: ChaptersPort,
    private readonly credentials: CredentialsPort,
    private readonly access: Access,
    private readonly scopes: MembershipPersonScopes,
    private readonly cover: MembershipCoverService,
    private readonly suspensions: MembershipSuspensions,
    private readonly endings: MembershipEndings,
  ) {}

  private readonly owners = (ids: string[]) => this.repository.ownersOf(ids);

  /** Whose it is, then (for a scoped account) whether it is of its profession and chapter. */
  private async requireMembership(actor: Actor, id: string): Promise<void> {
    await this.access.require(actor, 'Membership', id, this.owners);
    await this.scopes.requireRecord(actor, 'Membership', id);
  }

  /**
   * Admits a person on approval, in the approval's transaction: a member number (kept for life;
   * a resigned member coming back keeps theirs), the first period, granted, and its dues invoice.
   */
  async admit(manager: EntityManager, actor: Actor, admission: Admission): Promise<string> {
    const { category } = admission;
    const today = this.calendar.today();
    const endsOn = lastDayOfTerm(today, category.periodMonths);
    const existing = await this.repository.lockMembershipOfPerson(manager, admission.personId);
    let membershipId: string;
    if (existing) {
      membershipId = existing.id;
      const readmitted = {
        categoryId: category.id,
        chapterId: admission.chapterId,
        speciality: admission.speciality,
        coveredUntil: endsOn,
        applicationId: admission.applicationId,
      };
      await this.repository.updateMembership(manager, existing.id, readmitted);
      await this.audit.record(manager, actor, {
        action: 'membership.readmitted',
        entityType: 'membership',
        entityId: existing.id,
        before: {
          categoryId: existing.categoryId,
          chapterId: existing.chapterId,
          speciality: existing.speciality,
          coveredUntil: existing.coveredUntil,
          applicationId: existing.applicationId,
        },
        after: readmitted,
      });
      await this.statusChanges.record(manager, actor, {
        membershipId,
        from: existing.status,
        to: 'active',
        reason: 'Readmitted on approval of an application',
        effectiveOn: today,
      });
      // A suspension still holding (a sanction decided while they were away) meets them.
      const back = (await this.repository.lockWithCategory(manager, membershipId))!;
      await this.suspensions.recompose(
        manager,
        actor,
        back,
        'Readmitted while a suspension holds',
        today,
        today,
      );
      if (category.cardCredentialTypeId) {
        await this.credentials.restoreMembershipCard(
          manager,
          actor,
          {
            personId: admission.personId,
            credentialTypeId: category.cardCredentialTypeId,
            memberNumber: existing.memberNumber,
            validFrom: today,
            validUntil: endsOn,
          },
          await this.suspensions.followedOn(manager, membershipId, today),
        );
      }
    } else {
      const chapterCode = await this.chapters.codeOf(manager, admission.chapterId);
      const memberNumber = await this.memberNumbers.allocate(manager, category, chapterCode, today);
      membershipId = await this.repository.insertMembership(manager, {
        personId: admission.personId,
        memberNumber,
        categoryId: category.id,
        chapterId: admission.chapterId,
        speciality: admission.speciality,
        status: 'active',
        statusReason: 'Admitted on approval of an application',
        statusChangedOn: today,
        memberSince: today,
        coveredUntil: endsOn,
        applicationId: admission.applicationId,
      });
      await this.repository.insertStatusChange(manager, {
        membershipId,
        fromStatus: null,
        toStatus: 'active',
        reason: 'Admitted on approval of an application',
        effectiveOn: today,
        suspendedUntil: null,
        actorAccountId: actor.kind === 'account' ? actor.accountId : null,
      });
      await this.audit.record(manager, actor, {
        action: 'membership.admitted',
        entityType: 'membership',
        entityId: membershipId,
        after: { personId: admission.personId, memberNumber, category: category.code },
      });
      // Where the card is the membership, it is issued now, numbered with the member number.
      if (category.cardCredentialTypeId) {
        await this.credentials.issueMembershipCard(manager, actor, {
          personId: admission.personId,
          credentialTypeId: category.cardCredentialTypeId,
          memberNumber,
          validFrom: today,
          validUntil: endsOn,
        });
      }
    }
    const period = await this.repository.insertPeriod(manager, {
      membershipId,
      categoryId: category.id,
      // A readmission opens the membership's next admission: its periods stay apart from the
      // earlier ones, even from one that began the same day.
      admission: (await this.repository.latestAdmission(manager, membershipId)) + 1,
      startsOn: today,
      endsOn,
      grantedAt: new Date(),
    });
    await this.dues.issueInvoice(manager, actor, {
      personId: admission.personId,
      kind: 'dues',
      periodId: period.id,
      description: `Dues ${today} to ${endsOn}, ${category.name}`,
      amountMinor: category.duesMinor,
      currency: category.currency,
      issuedOn: today,
    });
    return membershipId;
  }

  /** Staff's member list, in member-number order; a total only when nothing filters it. */
  async list(actor: Actor, query: MembershipsQuery): Promise<MembershipPage> {
    const scope = isStaffActor(actor) ? (actor.scope ?? null) : null;
    const filtered =
      Boolean(query.memberNumber || query.categoryId || query.chapterId || query.status) ||
      query.name !== undefined ||
      scope !== null;
    const rows = await this.memberList.staffPage(
      this.calendar.today(),
      query,
      query.pageSize + 1,
      query.after ? 0 : query.offset,
      scope,
    );
    const page = rows.slice(0, query.pageSize).map(toSummary);
    const hasMore = rows.length > query.pageSize;
    return {
      items: page,
      page: query.after ? 1 : query.page,
      pageSize: query.pageSize,
      hasMore,
      next: hasMore ? page.at(-1)!.memberNumber : null,
      total: filtered ? null : await this.repository.countMembershipsUpTo(LIST_COUNT_CAP),
    };
  }

  async get(actor: Actor, id: string): Promise<MembershipResponse> {
    await this.requireMembership(actor, id);
    if (!(await this.repository.findMembership(this.transactions.reader, id))) {
      throw notFound('Membership', id);
    }
    return this.detail(id);
  }

  /** The signed-in member's own membership. */
  async mine(actor: Actor): Promise<MembershipResponse> {
    const personId = requireOwnPerson(actor);
    const membership = await this.repository.findMembershipOfPerson(
      this.transactions.reader,
      personId,
    );
    if (!membership) {
      throw new AppError(
        'not-found',
        'You have no membership yet; apply at /membership-applications',
      );
    }
    return this.detail(membership.id);
  }

  async setDirectoryListing(actor: Actor, dto: DirectoryListingDto): Promise<MembershipResponse> {
    const personId = requireOwnPerson(actor);
    const id = await this.transactions.run(async (manager) => {
      const membership = await this.repository.lockMembershipOfPerson(manager, personId);
      if (!membership) throw new AppError('not-found', 'You have no membership yet');
      if (membership.listedInDirectory !== dto.listed) {
        await this.repository.updateMembership(manager, membership.id, {
          listedInDirectory: dto.listed,
        });
        await this.audit.record(manager, actor, {
          action: 'membership.directory_listing_changed',
          entityType: 'membership',
          entityId: membership.id,
          before: { listedInDirectory: membership.listedInDirectory },
          after: { listedInDirectory: dto.listed },
        });
      }
      return membership.id;
    });
    return this.detail(id);
  }

  /**
   * Sets a status by hand: staff suspend, lift their suspension, revoke, record a death; a member
   * resigns. Staff's suspension is kept beside any other (an ethics sanction's), and lifting it
   * leaves the others holding. A membership that ends owes nothing for periods it will not reach.
   */
  async changeStatus(
    actor: Actor,
    id: string,
    dto: ChangeMembershipStatusDto,
  ): Promise<MembershipResponse> {
    requireAccount(actor);
    const today = this.calendar.today();
    await this.requireMembership(actor, id);
    await this.transactions.run(async (manager) => {
      const membership = await this.repository.lockWithCategory(manager, id);
      if (!membership) throw notFound('Membership', id);
      // Staff of the `standing` duty change any status; a member only resigns their own.
      const staff = isStaffActor(actor);
      if (!staff && dto.status !== 'resigned') {
        throw new AppError('forbidden', 'Members may only resign their own membership');
      }
      const current = membershipStatus(membership, membership.category.graceDays, today);
      const holding = await this.suspensions.holdingOn(manager, id, today);
      const to = this.nextStatus(current, dto, holding, today);
      this.requireDateInLife(dto.effectiveOn, membership, staff, today);
      const effectiveOn = dto.effectiveOn ?? today;
      if (to === 'suspended') {
        await this.suspensions.suspend(
          manager,
          actor,
          membership,
          {
            source: 'staff',
            sourceId: null,
            reason: dto.reason,
            startsOn: effectiveOn,
            endsOn: dto.suspendedUntil ?? null,
          },
          today,
        );
        return;
      }
      if (dto.status === 'active') {
        await this.suspensions.lift(
          manager,
          actor,
          membership,
          (suspension) => suspension.source === 'staff',
          dto.reason,
          effectiveOn,
          today,
        );
        return;
      }
      await this.endings.end(manager, actor, membership, to as Ending, dto.reason, effectiveOn);
    });
    return this.detail(id);
  }

  /**
   * A change takes effect within the membership's life: not before it began nor before its last
   * change. Staff may date it back (a death recorded late); a member's own change is today's.
   */
  private requireDateInLife(
    effectiveOn: string | undefined,
    membership: Membership,
    staff: boolean,
    today: string,
  ): void {
    if (effectiveOn === undefined || effectiveOn === today) return;
    const earliest = [membership.memberSince, membership.statusChangedOn].sort().at(-1)!;
    const message = !staff
      ? 'effectiveOn must be today for a change of your own; staff record earlier dates'
      : effectiveOn < earliest
        ? `effectiveOn must not be before ${earliest}, when the membership ${
            earliest === membership.memberSince ? 'began' : 'last changed status'
          }`
        : null;
    if (message) {
      throw new AppError('validation-failed', 'Check these fields: effectiveOn', {
        errors: [{ field: 'effectiveOn', message }],
      });
    }
  }

  private nextStatus(
    current: MembershipStatus,
    dto: ChangeMembershipStatusDto,
    holding: MembershipSuspension[],
    today: string,
  ): MembershipStatus {
    const refuse = (why: string) => {
      throw new MembershipError('membership-status-refused', why);
    };
    if (FINAL_STATUSES.includes(current)) refuse(`The membership is ${current}; that is final`);
    if (dto.suspendedUntil !== undefined && dto.status !== 'suspended') {
      throw new AppError('validation-failed', 'Check these fields: suspendedUntil', {
        errors: [{ field: 'suspendedUntil', message: 'suspendedUntil goes with status suspended' }],
      });
    }
    const byStaff = holding.find((suspension) => suspension.source === 'staff');
    switch (dto.status) {
      case 'suspended':
        if (byStaff) {
          refuse(
            `The membership is already suspended by staff ${byStaff.endsOn ? `until ${byStaff.endsOn}` : 'until lifted'}`,
          );
        }
        if (dto.suspendedUntil !== undefined && dto.suspendedUntil < today) {
          throw new AppError('validation-failed', 'Check these fields: suspendedUntil', {
            errors: [
              { field: 'suspendedUntil', message: 'suspendedUntil must not be in the past' },
            ],
          });
        }
        return 'suspended';
      case 'active':
        if (current !== 'suspended')
          refuse(`Only a suspended membership can be reinstated; it is ${current}`);
        if (!byStaff) {
          refuse(
            `The suspension is by ${holding.map((suspension) => suspension.reason).join('; ')}: it ends on its date, not by hand`,
          );
        }
        return 'active';
      case 'resigned':
        if (current === 'suspended')
          refuse('A suspended member cannot resign until the suspension ends');
        return 'resigned';
      case 'revoked':
      case 'deceased':
        return dto.status;
    }
  }

  private async detail(id: string): Promise<MembershipResponse> {
    const today = this.calendar.today();
    const row = await this.repository.detailRow(today, id);
    const periods = await this.repository.periodsOf(id);
    const invoices = await this.dues.periodInvoiceIds(
      this.transactions.reader,
      periods.map((period) => period.id),
    );
    const changes = await this.repository.statusChangesOf(id);
    return {
      ...toSummary(row),
      statusReason: row.status_reason,
      statusChangedOn: row.status_changed_on,
      suspendedUntil: row.suspended_until,
      listedInDirectory: row.listed_in_directory,
      periods: periods.map((period) => ({
        id: period.id,
        startsOn: period.starts_on,
        endsOn: period.ends_on,
        category: period.code,
        granted: period.granted,
        invoiceId: invoices.get(period.id) ?? null,
      })),
      statusChanges: changes.map((change) => ({
        from: change.fromStatus,
        to: change.toStatus,
        reason: change.reason,
        effectiveOn: change.effectiveOn,
        actorAccountId: change.actorAccountId,
        recordedAt: change.createdAt,
      })),
      suspensions: (await this.repository.suspensionsOf(this.transactions.reader, id)).map(
        (suspension) => ({
          source: suspension.source,
          reason: suspension.reason,
          startsOn: suspension.startsOn,
          endsOn: suspension.endsOn,
          liftedOn: suspension.liftedOn,
          liftReason: suspension.liftReason,
          holding: holdsOn(suspension, today),
        }),
      ),
      arrears: await this.dues.arrears(this.transactions.reader, row.person_id),
    };
  }
}

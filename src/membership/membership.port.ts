import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { MembershipEndings } from 'src/membership/membership-endings';
import { MembershipSuspensions } from 'src/membership/membership-suspensions';
import { MembershipRepository } from 'src/membership/membership.repository';
import { MembershipCategoriesRepository } from 'src/membership/membership-categories.repository';
import { MembershipCoverService } from 'src/membership/membership-cover.service';
import {
  membershipStatus,
  type MembershipStatus,
  type RenewableMembership,
} from 'src/membership/membership-rules';
import { DuesPort } from 'src/dues/dues.port';
import { addDays, lastDayOfTerm } from 'src/common/dates';

/** A final ethics sanction as it reaches a membership. */
export interface MembershipSanction {
  personId: string;
  /** The case's sanction: kept once, however often it is applied. */
  sanctionId: string;
  effect: 'suspension' | 'revocation';
  reason: string;
  startsOn: string;
  endsOn: string | null;
}

/**
 * What other modules may ask of membership: each method works in the caller's transaction,
 * takes no access decision and builds no response.
 */
@Injectable()
export class MembershipPort {
  constructor(
    private readonly repository: MembershipRepository,
    private readonly suspensions: MembershipSuspensions,
    private readonly endings: MembershipEndings,
    private readonly calendar: Calendar,
    private readonly categories: MembershipCategoriesRepository,
    private readonly cover: MembershipCoverService,
    private readonly dues: DuesPort,
  ) {}

  /** Who holds this member number, or null. */
  personOfMemberNumber(manager: EntityManager, memberNumber: string): Promise<string | null> {
    return this.repository.personOfMemberNumber(manager, memberNumber);
  }

  /**
   * The profession a member is answerable to: that of the membership with this number, or of
   * the person's latest membership; null where there is none or its category has no profession.
   */
  professionOfMember(
    manager: EntityManager,
    by: { memberNumber: string } | { personId: string },
  ): Promise<string | null> {
    return this.repository.professionOfMembership(manager, by);
  }

  /** Who holds each of these member numbers. */
  personsOfMemberNumbers(
    manager: EntityManager,
    memberNumbers: string[],
  ): Promise<Map<string, string>> {
    return this.repository.personsOfMemberNumbers(manager, memberNumbers);
  }

  /** The chapter of a person's membership, or null for someone who has none. */
  async chapterOfPerson(manager: EntityManager, personId: string): Promise<string | null> {
    return (await this.repository.findMembershipOfPerson(manager, personId))?.chapterId ?? null;
  }

  /**
   * A membership as a renewal reads it, locked for the renewal's transaction when it is to
   * change, so renewals of it take turns.
   */
  async renewalSubject(
    manager: EntityManager,
    membershipId: string,
    lock: boolean,
  ): Promise<RenewableMembership | null> {
    const membership = lock
      ? await this.repository.lockWithCategory(manager, membershipId)
      : await this.repository.findWithCategory(manager, membershipId);
    if (!membership) return null;
    const { category } = membership;
    return {
      id: membership.id,
      personId: membership.personId,
      memberNumber: membership.memberNumber,
      status: membershipStatus(membership, category.graceDays, this.calendar.today()),
      coveredUntil: membership.coveredUntil,
      categoryName: category.name,
      graceDays: category.graceDays,
      renewalWindowDays: category.renewalWindowDays,
      autoRenew: category.autoRenew,
    };
  }

  /**
   * The next period of a membership renewed, from the day after its cover ends, with its dues
   * invoice (the one the daily run issued already, if it did): the cover extends once the dues
   * are settled, at once for a category that charges none.
   */
  async renewPeriod(
    manager: EntityManager,
    actor: Actor,
    membership: RenewableMembership,
  ): Promise<{ startsOn: string; endsOn: string }> {
    const startsOn = addDays(membership.coveredUntil, 1);
    // A renewal continues the membership's latest admission.
    const admission = Math.max(1, await this.repository.latestAdmission(manager, membership.id));
    const existing = await this.repository.findPeriodStarting(
      manager,
      membership.id,
      admission,
      startsOn,
    );
    if (existing) return { startsOn, endsOn: existing.endsOn };
    const whole = (await this.repository.lockWithCategory(manager, membership.id))!;
    const endsOn = lastDayOfTerm(startsOn, whole.category.periodMonths);
    const period = await this.repository.insertPeriod(manager, {
      membershipId: membership.id,
      categoryId: whole.categoryId,
      admission,
      startsOn,
      endsOn,
      grantedAt: null,
    });
    const invoice = await this.dues.issueInvoice(manager, actor, {
      personId: membership.personId,
      kind: 'dues',
      periodId: period.id,
      description: `Dues ${startsOn} to ${endsOn}, ${whole.category.name}`,
      amountMinor: whole.category.duesMinor,
      currency: whole.category.currency,
      issuedOn: this.calendar.today(),
    });
    if (invoice.status === 'paid') await this.cover.periodSettled(manager, actor, period.id);
    return { startsOn, endsOn };
  }

  /**
   * A person's membership status today, read from its dates (null for someone with none): the
   * question of a program open to members only.
   */
  async statusOfPerson(manager: EntityManager, personId: string): Promise<MembershipStatus | null> {
    const found = await this.repository.findMembershipOfPerson(manager, personId);
    if (!found) return null;
    const membership = (await this.repository.findWithCategory(manager, found.id))!;
    return membershipStatus(membership, membership.category.graceDays, this.calendar.today());
  }

  /** Members in good standing whom a CPD policy of a category or speciality binds, by number. */
  cpdMembers(
    manager: EntityManager,
    filter: { categoryCode?: string; speciality?: string; professionId?: string | null },
    asOf: string,
    afterNumber = '',
    limit = 1000,
  ) {
    return this.repository.cpdMembers(manager, filter, asOf, afterNumber, limit);
  }

  /** The membership categories' codes, each with its profession (a CPD policy may follow one). */
  async categoryCodes(
    manager: EntityManager,
  ): Promise<{ code: string; professionId: string | null }[]> {
    return (await this.categories.listByCode(manager)).map(({ code, professionId }) => ({
      code,
      professionId,
    }));
  }

  /**
   * A final sanction takes effect whatever the membership's state. A suspension is kept beside
   * any other (staff's, an interim one) and holds until its last day; on a resigned membership it
   * is kept for a readmission to meet. A revocation ends the membership, a resigned one too (the
   * register then reads it as expelled, and no application reopens it).
   */
  async applySanction(
    manager: EntityManager,
    actor: Actor,
    sanction: MembershipSanction,
  ): Promise<void> {
    const membership = await this.repository.lockMembershipOfPersonWithCategory(
      manager,
      sanction.personId,
    );
    if (!membership) return;
    if (sanction.effect === 'suspension') {
      await this.suspensions.suspend(
        manager,
        actor,
        membership,
        {
          source: 'sanction',
          sourceId: sanction.sanctionId,
          reason: sanction.reason,
          startsOn: sanction.startsOn,
          endsOn: sanction.endsOn,
        },
        this.calendar.today(),
      );
      return;
    }
    if (membership.status === 'revoked' || membership.status === 'deceased') return;
    const on =
      sanction.startsOn < membership.statusChangedOn
        ? membership.statusChangedOn
        : sanction.startsOn;
    await this.endings.end(manager, actor, membership, 'revoked', sanction.reason, on);
  }
}

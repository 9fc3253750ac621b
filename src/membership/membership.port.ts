import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { MembershipEndings } from 'src/membership/membership-endings';
import { MembershipSuspensions } from 'src/membership/membership-suspensions';
import { MembershipRepository } from 'src/membership/membership.repository';

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
  ) {}

  /** Who holds this member number, or null. */
  personOfMemberNumber(manager: EntityManager, memberNumber: string): Promise<string | null> {
    return this.repository.personOfMemberNumber(manager, memberNumber);
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

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from 'src/auth/principal';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { DuesPort } from 'src/dues/dues.port';
import type { MembershipStatus } from 'src/membership/membership-rules';
import { MembershipStatusChanges } from 'src/membership/membership-status-changes';
import type { LockedMembership } from 'src/membership/membership-suspensions';
import { MembershipRepository } from 'src/membership/membership.repository';

export type Ending = Extract<MembershipStatus, 'revoked' | 'resigned' | 'deceased'>;

/**
 * A membership ending (resigned, revoked, its holder dead), whoever ends it, in the caller's
 * transaction with the membership locked: the dated record, the dues of periods it will not
 * reach waived, its card and the credentials issued here following as their type says.
 */
@Injectable()
export class MembershipEndings {
  constructor(
    private readonly repository: MembershipRepository,
    private readonly statusChanges: MembershipStatusChanges,
    private readonly credentials: CredentialsPort,
    private readonly dues: DuesPort,
  ) {}

  async end(
    manager: EntityManager,
    actor: Actor,
    membership: LockedMembership,
    to: Ending,
    reason: string,
    effectiveOn: string,
  ): Promise<void> {
    await this.statusChanges.record(manager, actor, {
      membershipId: membership.id,
      from: membership.status,
      to,
      reason,
      effectiveOn,
    });
    const periodIds = await this.repository.ungrantedPeriodIds(manager, membership.id);
    await this.dues.waivePeriodDues(
      manager,
      actor,
      periodIds,
      `Membership ${to} before this period`,
    );
    if (to === 'resigned') {
      // A membership card is the membership: it ends with it.
      await this.credentials.followMembership(manager, actor, membership.personId, {
        kind: 'ended',
        reason: `Membership resigned: ${reason}`,
      });
    } else {
      // Credentials issued here follow their type's rule; the public answer reads them at once.
      await this.credentials.applyMembershipEnd(
        manager,
        actor,
        membership.personId,
        `${to === 'revoked' ? 'Membership revoked' : 'Holder deceased'}: ${reason}`,
      );
    }
    Object.assign(membership, { status: to, suspendedUntil: null, statusChangedOn: effectiveOn });
  }
}

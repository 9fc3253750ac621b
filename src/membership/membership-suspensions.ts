import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { composedSuspension, holdsOn } from 'src/common/suspensions';
import { CredentialsPort, type FollowedSuspension } from 'src/credentials/credentials.port';
import type { MembershipCategory } from 'src/membership/entities/membership-category.entity';
import type {
  MembershipSuspension,
  MembershipSuspensionSource,
} from 'src/membership/entities/membership-suspension.entity';
import type { Membership } from 'src/membership/entities/membership.entity';
import { MembershipStatusChanges } from 'src/membership/membership-status-changes';
import { FINAL_STATUSES, datedStatus, membershipStatus } from 'src/membership/membership-rules';
import { MembershipRepository } from 'src/membership/membership.repository';

export type LockedMembership = Membership & { category: MembershipCategory };

export interface NewMembershipSuspension {
  source: MembershipSuspensionSource;
  /** The record it comes from (the ethics sanction); kept once per membership. */
  sourceId: string | null;
  reason: string;
  startsOn: string;
  endsOn: string | null;
}

/**
 * The suspensions of a membership, kept one by one with their source, and the status they
 * compose (caller's transaction, the membership locked by the caller). A membership that has
 * ended (resigned) keeps a sanction's suspension all the same, so a readmission meets it; its
 * card follows each suspension and each lifting.
 */
@Injectable()
export class MembershipSuspensions {
  constructor(
    private readonly repository: MembershipRepository,
    private readonly statusChanges: MembershipStatusChanges,
    private readonly credentials: CredentialsPort,
    private readonly audit: AuditService,
  ) {}

  /** Keeps one more suspension; null where its source record was kept already. */
  async suspend(
    manager: EntityManager,
    actor: Actor,
    membership: LockedMembership,
    suspension: NewMembershipSuspension,
    today: string,
  ): Promise<MembershipSuspension | null> {
    const kept = await this.repository.insertSuspension(manager, {
      membershipId: membership.id,
      ...suspension,
    });
    if (!kept) return null;
    await this.audit.record(manager, actor, {
      action: 'membership.suspension_kept',
      entityType: 'membership',
      entityId: membership.id,
      after: { ...suspension, status: membership.status },
    });
    if (FINAL_STATUSES.includes(membership.status)) return kept;
    await this.recompose(manager, actor, membership, suspension.reason, suspension.startsOn, today);
    await this.credentials.followMembership(manager, actor, membership.personId, {
      kind: 'suspended',
      ...followed(kept),
    });
    return kept;
  }

  /**
   * Lifts the suspensions holding today that `which` picks, and recomposes: the others keep the
   * membership suspended. Returns how many were lifted.
   */
  async lift(
    manager: EntityManager,
    actor: Actor,
    membership: LockedMembership,
    which: (suspension: MembershipSuspension) => boolean,
    reason: string,
    effectiveOn: string,
    today: string,
  ): Promise<number> {
    const lifted = (await this.holdingOn(manager, membership.id, today)).filter(which);
    if (!lifted.length) return 0;
    const ids = lifted.map((suspension) => suspension.id);
    await this.repository.liftSuspensions(manager, ids, today, reason);
    await this.recompose(manager, actor, membership, reason, effectiveOn, today);
    await this.credentials.followMembership(manager, actor, membership.personId, {
      kind: 'lifted',
      suspensionIds: ids,
      reason,
    });
    return lifted.length;
  }

  /** The suspensions holding today. */
  async holdingOn(
    manager: EntityManager,
    membershipId: string,
    today: string,
  ): Promise<MembershipSuspension[]> {
    return (await this.repository.suspensionsOf(manager, membershipId)).filter(
      (suspension) => suspension.liftedOn === null && holdsOn(suspension, today),
    );
  }

  /** The suspensions holding today, as a card restored on readmission follows them. */
  async followedOn(
    manager: EntityManager,
    membershipId: string,
    today: string,
  ): Promise<FollowedSuspension[]> {
    return (await this.holdingOn(manager, membershipId, today)).map(followed);
  }

  /**
   * Records the status the kept suspensions make of a membership today, where it differs from
   * the one stored: suspended through the union of those holding, else what its dates say. An
   * ended membership stays as it ended.
   */
  async recompose(
    manager: EntityManager,
    actor: Actor,
    membership: LockedMembership,
    reason: string,
    effectiveOn: string,
    today: string,
  ): Promise<void> {
    if (FINAL_STATUSES.includes(membership.status)) return;
    const composed = composedSuspension(
      await this.repository.suspensionsOf(manager, membership.id),
      today,
    );
    const current = membershipStatus(membership, membership.category.graceDays, today);
    if (composed.suspended) {
      if (current === 'suspended' && membership.suspendedUntil === composed.until) return;
    } else if (current !== 'suspended') {
      return;
    }
    const to = composed.suspended
      ? 'suspended'
      : datedStatus(membership.coveredUntil, membership.category.graceDays, today);
    const suspendedUntil = composed.suspended ? composed.until : null;
    // The record of changes runs in order: none takes effect before the last one did.
    const on = effectiveOn < membership.statusChangedOn ? membership.statusChangedOn : effectiveOn;
    await this.statusChanges.record(manager, actor, {
      membershipId: membership.id,
      from: membership.status,
      to,
      reason,
      effectiveOn: on,
      suspendedUntil,
    });
    Object.assign(membership, { status: to, suspendedUntil, statusChangedOn: on });
  }
}

const followed = (suspension: MembershipSuspension): FollowedSuspension => ({
  suspensionId: suspension.id,
  reason: suspension.reason,
  startsOn: suspension.startsOn,
  endsOn: suspension.endsOn,
});

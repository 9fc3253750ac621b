import type { EntityManager } from 'typeorm';
import type { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { MembershipStatusChange } from 'src/membership/entities/membership-status-change.entity';
import { Membership } from 'src/membership/entities/membership.entity';
import type { MembershipStatus } from 'src/membership/membership-rules';

export interface StatusChange {
  membershipId: string;
  from: MembershipStatus | null;
  to: MembershipStatus;
  reason: string;
  effectiveOn: string;
  suspendedUntil?: string | null;
}

/** Stores a membership's new status with its dated, reasoned record and audit row (same transaction). */
export async function changeMembershipStatus(
  manager: EntityManager,
  audit: AuditService,
  actor: Actor,
  change: StatusChange,
): Promise<void> {
  await manager.update(Membership, change.membershipId, {
    status: change.to,
    statusReason: change.reason,
    statusChangedOn: change.effectiveOn,
    suspendedUntil: change.to === 'suspended' ? (change.suspendedUntil ?? null) : null,
  });
  await manager.insert(MembershipStatusChange, {
    membershipId: change.membershipId,
    fromStatus: change.from,
    toStatus: change.to,
    reason: change.reason,
    effectiveOn: change.effectiveOn,
    actorAccountId: actor.kind === 'account' ? actor.accountId : null,
  });
  await audit.record(manager, actor, {
    action: 'membership.status_changed',
    entityType: 'membership',
    entityId: change.membershipId,
    before: { status: change.from },
    after: { status: change.to, reason: change.reason, effectiveOn: change.effectiveOn },
  });
}

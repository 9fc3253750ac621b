import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import type { MembershipStatus } from 'src/membership/membership-rules';
import { MembershipRepository } from 'src/membership/membership.repository';

export interface StatusChange {
  membershipId: string;
  from: MembershipStatus | null;
  to: MembershipStatus;
  reason: string;
  effectiveOn: string;
  suspendedUntil?: string | null;
}

/** Every status change of a membership, whoever makes it: one place for its three records. */
@Injectable()
export class MembershipStatusChanges {
  constructor(
    private readonly repository: MembershipRepository,
    private readonly audit: AuditService,
  ) {}

  /** Stores the new status with its dated, reasoned record and audit row (caller's transaction). */
  async record(manager: EntityManager, actor: Actor, change: StatusChange): Promise<void> {
    await this.repository.updateMembership(manager, change.membershipId, {
      status: change.to,
      statusReason: change.reason,
      statusChangedOn: change.effectiveOn,
      suspendedUntil: change.to === 'suspended' ? (change.suspendedUntil ?? null) : null,
    });
    await this.repository.insertStatusChange(manager, {
      membershipId: change.membershipId,
      fromStatus: change.from,
      toStatus: change.to,
      reason: change.reason,
      effectiveOn: change.effectiveOn,
      suspendedUntil: change.to === 'suspended' ? (change.suspendedUntil ?? null) : null,
      actorAccountId: actor.kind === 'account' ? actor.accountId : null,
    });
    await this.audit.record(manager, actor, {
      action: 'membership.status_changed',
      entityType: 'membership',
      entityId: change.membershipId,
      before: { status: change.from },
      after: { status: change.to, reason: change.reason, effectiveOn: change.effectiveOn },
    });
  }
}

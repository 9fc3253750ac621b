import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { notFound } from 'src/common/errors/app-error';
import { PeriodOwner } from 'src/dues/dues.port';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { DATED_STATUSES, datedStatus } from 'src/membership/membership-rules';
import { MembershipStatusChanges } from 'src/membership/membership-status-changes';
import { MembershipRepository } from 'src/membership/membership.repository';

/**
 * The cover a membership's paid dues give it. Dues tell it when a period's invoice is settled
 * (paid or waived), inside the payment's transaction, after it has locked the membership's row.
 */
@Injectable()
export class MembershipCoverService extends PeriodOwner {
  constructor(
    private readonly repository: MembershipRepository,
    private readonly statusChanges: MembershipStatusChanges,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly credentials: CredentialsPort,
  ) {
    super();
  }

  lockOwnerOfPeriod(manager: EntityManager, periodId: string): Promise<void> {
    return this.repository.lockMembershipOfPeriod(manager, periodId);
  }

  /**
   * Once none of a membership's dues invoices is open, every period waiting for payment is
   * granted and the cover extends; a member in grace or lapsed is active again (arrears paid).
   */
  async periodSettled(manager: EntityManager, actor: Actor, periodId: string): Promise<void> {
    const membershipId = await this.repository.membershipOfPeriod(manager, periodId);
    const membership = await this.repository.lockWithCategory(manager, membershipId);
    if (!membership) throw notFound('Membership', membershipId);
    const endsOn = await this.repository.grantSettledPeriods(manager, membership.id);
    if (!endsOn || endsOn <= membership.coveredUntil) return;
    await this.repository.updateMembership(manager, membership.id, { coveredUntil: endsOn });
    await this.credentials.followMembership(manager, actor, membership.personId, {
      kind: 'covered',
      until: endsOn,
    });
    await this.audit.record(manager, actor, {
      action: 'membership.cover_extended',
      entityType: 'membership',
      entityId: membership.id,
      before: { coveredUntil: membership.coveredUntil },
      after: { coveredUntil: endsOn },
    });
    if (!DATED_STATUSES.includes(membership.status)) return;
    const today = this.calendar.today();
    const status = datedStatus(endsOn, membership.category.graceDays, today);
    if (status !== membership.status) {
      await this.statusChanges.record(manager, actor, {
        membershipId: membership.id,
        from: membership.status,
        to: status,
        reason: `Dues paid: covered until ${endsOn}`,
        effectiveOn: today,
      });
    }
  }
}

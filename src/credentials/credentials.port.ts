import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { effectiveStatus } from 'src/credentials/credential-rules';
import { CredentialSuspensions } from 'src/credentials/credential-suspensions';
import { CredentialsRepository } from 'src/credentials/credentials.repository';
import { CredentialsService } from 'src/credentials/credentials.service';
import type { Credential } from 'src/credentials/entities/credential.entity';

/** A membership's suspension as a card follows it. */
export interface FollowedSuspension {
  /** The membership's kept suspension, which the card's names as its source. */
  suspensionId: string;
  reason: string;
  startsOn: string;
  endsOn: string | null;
}

export interface MembershipCard {
  personId: string;
  credentialTypeId: string;
  memberNumber: string;
  validFrom: string;
  validUntil: string;
}

/** A final ethics sanction as it reaches the credentials issued here. */
export interface CredentialSanction {
  personId: string;
  /** The case's sanction: kept once per credential, however often it is applied. */
  sanctionId: string;
  effect: 'suspension' | 'revocation';
  reason: string;
  startsOn: string;
  endsOn: string | null;
}

export type MembershipChange =
  | ({ kind: 'suspended' } & FollowedSuspension)
  | { kind: 'lifted'; suspensionIds: string[]; reason: string }
  | { kind: 'ended'; reason: string }
  | { kind: 'covered'; until: string };

/**
 * What other modules may ask of credentials: each method works in the caller's transaction,
 * takes no access decision and builds no response. Membership cards follow their membership
 * through it; an ethics sanction reaches the credentials issued here through it.
 */
@Injectable()
export class CredentialsPort {
  constructor(
    private readonly repository: CredentialsRepository,
    private readonly suspensions: CredentialSuspensions,
    private readonly issuing: CredentialsService,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
  ) {}

  /** Who holds each of these numbers, for the numbers recorded. */
  holdersByNumber(manager: EntityManager, numbers: string[]): Promise<Map<string, string>> {
    return this.repository.holdersByNumber(manager, numbers);
  }

  /**
   * A final sanction on the credentials the association issued the person (cards follow the
   * membership instead): a suspension is kept beside any other, a revocation ends each one.
   */
  async applySanction(
    manager: EntityManager,
    actor: Actor,
    sanction: CredentialSanction,
  ): Promise<void> {
    const today = this.calendar.today();
    for (const credential of await this.repository.lockIssuedHereTo(
      manager,
      sanction.personId,
      today,
    )) {
      if (sanction.effect === 'suspension') {
        await this.suspensions.suspend(
          manager,
          actor,
          credential,
          {
            source: 'sanction',
            sourceId: sanction.sanctionId,
            reason: sanction.reason,
            startsOn: sanction.startsOn,
            endsOn: sanction.endsOn,
          },
          today,
        );
      } else {
        await this.revoke(manager, actor, credential, sanction.reason);
      }
    }
  }

  /** Issues a membership card on admission, numbered with the member number (caller's transaction). */
  issueMembershipCard(
    manager: EntityManager,
    actor: Actor,
    card: MembershipCard,
  ): Promise<{ id: string; number: string }> {
    return this.issuing.issueMembershipCard(manager, actor, card);
  }

  /**
   * A member coming back keeps their member number, and so their card: the card of this type
   * that ended with the membership is valid again (its history kept), or one is issued where
   * there is none. It follows the membership's suspensions still holding (a sanction's, kept
   * while the member was away).
   */
  async restoreMembershipCard(
    manager: EntityManager,
    actor: Actor,
    card: MembershipCard,
    holding: FollowedSuspension[],
  ): Promise<{ id: string; number: string }> {
    const today = this.calendar.today();
    const [kept] = await this.repository.lockCardsOfType(
      manager,
      card.personId,
      card.credentialTypeId,
    );
    let restored: Credential;
    if (!kept) {
      const issued = await this.issuing.issueMembershipCard(manager, actor, card);
      restored = (await this.repository.lock(manager, issued.id))!;
    } else {
      const reason = 'Readmitted: the card follows the membership';
      await this.repository.updateCredential(manager, kept.id, {
        status: 'active',
        statusReason: reason,
        suspendedUntil: null,
        validUntil: card.validUntil,
        statusChangedAt: new Date(),
      });
      await this.repository.addPeriod(manager, kept.id, {
        validFrom: card.validFrom,
        validUntil: card.validUntil,
      });
      await this.repository.insertEvent(manager, {
        credentialId: kept.id,
        event: 'reinstated',
        reason,
        actorAccountId: actor.kind === 'account' ? actor.accountId : null,
      });
      await this.audit.record(manager, actor, {
        action: 'credential.reinstated',
        entityType: 'credential',
        entityId: kept.id,
        before: { status: kept.status, validUntil: kept.validUntil },
        after: { status: 'active', validUntil: card.validUntil, followed: 'membership' },
      });
      restored = { ...kept, status: 'active', suspendedUntil: null };
      // What ended with the membership holds no more; what the membership still has, it follows.
      await this.suspensions.lift(
        manager,
        actor,
        restored,
        (suspension) => suspension.source === 'membership_end',
        reason,
        today,
      );
    }
    for (const suspension of holding) {
      await this.suspensions.suspend(manager, actor, restored, followed(suspension), today);
      restored = (await this.repository.lock(manager, restored.id))!;
    }
    return { id: restored.id, number: restored.number };
  }

  /**
   * A membership card follows its membership, in the membership's transaction: each of its
   * suspensions kept on the card and lifted with it, revoked when it ends, valid as far as it
   * is covered.
   */
  async followMembership(
    manager: EntityManager,
    actor: Actor,
    personId: string,
    change: MembershipChange,
  ): Promise<void> {
    const today = this.calendar.today();
    for (const card of await this.repository.lockMembershipCards(manager, personId)) {
      switch (change.kind) {
        case 'suspended':
          await this.suspensions.suspend(manager, actor, card, followed(change), today);
          break;
        case 'lifted':
          await this.suspensions.lift(
            manager,
            actor,
            card,
            (suspension) =>
              suspension.source === 'membership' &&
              change.suspensionIds.includes(suspension.sourceId!),
            change.reason,
            today,
          );
          break;
        case 'ended':
          await this.revoke(manager, actor, card, change.reason, 'membership');
          break;
        case 'covered':
          if (card.validUntil === change.until) break;
          await this.repository.updateCredential(manager, card.id, { validUntil: change.until });
          await this.audit.record(manager, actor, {
            action: 'credential.validity_followed',
            entityType: 'credential',
            entityId: card.id,
            before: { validUntil: card.validUntil },
            after: { validUntil: change.until, followed: 'membership' },
          });
          break;
      }
    }
  }

  /**
   * A membership revoked, or its holder dead: each credential the association issued the person
   * is kept, suspended or revoked as its type says, in the caller's transaction (which holds the
   * membership), with an event and an audit row each. Returns what changed.
   */
  async applyMembershipEnd(
    manager: EntityManager,
    actor: Actor,
    personId: string,
    reason: string,
  ): Promise<{ number: string; status: 'suspended' | 'revoked' }[]> {
    const today = this.calendar.today();
    const changed: { number: string; status: 'suspended' | 'revoked' }[] = [];
    for (const credential of await this.repository.lockEndingWithMembership(manager, personId)) {
      const current = effectiveStatus(
        credential.status,
        credential.validUntil,
        today,
        credential.suspendedUntil,
      );
      if (current === 'revoked') continue;
      if (credential.credentialType.onMembershipEnd === 'revoke') {
        await this.revoke(manager, actor, credential, reason);
        changed.push({ number: credential.number, status: 'revoked' });
      } else {
        const kept = await this.suspensions.suspend(
          manager,
          actor,
          credential,
          { source: 'membership_end', sourceId: null, reason, startsOn: today, endsOn: null },
          today,
        );
        if (kept) changed.push({ number: credential.number, status: 'suspended' });
      }
    }
    return changed;
  }

  /** Revokes a credential (final: its suspensions no longer matter), with its event and audit row. */
  private async revoke(
    manager: EntityManager,
    actor: Actor,
    credential: Credential,
    reason: string,
    followed?: 'membership',
  ): Promise<void> {
    if (credential.status === 'revoked') return;
    await this.repository.updateCredential(manager, credential.id, {
      status: 'revoked',
      statusReason: reason,
      suspendedUntil: null,
      statusChangedAt: new Date(),
    });
    await this.repository.insertEvent(manager, {
      credentialId: credential.id,
      event: 'revoked',
      reason,
      actorAccountId: actor.kind === 'account' ? actor.accountId : null,
    });
    await this.audit.record(manager, actor, {
      action: 'credential.revoked',
      entityType: 'credential',
      entityId: credential.id,
      before: { status: credential.status, suspendedUntil: credential.suspendedUntil },
      after: { status: 'revoked', reason, ...(followed ? { followed } : {}) },
    });
  }
}

const followed = (suspension: FollowedSuspension) => ({
  source: 'membership' as const,
  sourceId: suspension.suspensionId,
  reason: suspension.reason,
  startsOn: suspension.startsOn,
  endsOn: suspension.endsOn,
});

import { PublicVerificationService } from 'src/credentials/public-verification.service';
import { holdsFor, ownOrShared } from 'src/common/profession-scope';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { addDays } from 'src/common/dates';
import { notFound } from 'src/common/errors/app-error';
import {
  effectiveStatus,
  type RenewableCredential,
  validUntil,
} from 'src/credentials/credential-rules';
import { CredentialSuspensions } from 'src/credentials/credential-suspensions';
import {
  CredentialsRepository,
  type RecordedCredential,
} from 'src/credentials/credentials.repository';
import type { CredentialType } from 'src/credentials/entities/credential-type.entity';
import { OrganisationVerificationService } from 'src/credentials/organisation-verification.service';
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
/** A credential type as other modules read it: what issuing or recording under it needs. */
type TypeAsRead = Pick<
  CredentialType,
  | 'id'
  | 'issuerKind'
  | 'issuingAuthority'
  | 'validityMonths'
  | 'maxActivePerPerson'
  | 'perPlace'
  | 'active'
  | 'membershipCard'
  | 'professionId'
>;

@Injectable()
export class CredentialsPort {
  constructor(
    private readonly repository: CredentialsRepository,
    private readonly suspensions: CredentialSuspensions,
    private readonly issuing: CredentialsService,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly organisationChecks: OrganisationVerificationService,
    private readonly publicVerification: PublicVerificationService,
  ) {}

  /**
   * A credential as a renewal reads it, locked for the renewal's transaction when it is to
   * change: a second renewal of the same credential waits, then reads the first one's dates.
   */
  async renewalSubject(
    manager: EntityManager,
    credentialId: string,
    lock: boolean,
  ): Promise<RenewableCredential | null> {
    const credential = lock
      ? await this.repository.lock(manager, credentialId)
      : await this.repository.findWhole(manager, credentialId);
    if (!credential) return null;
    const type = await this.repository.findType(manager, credential.credentialTypeId);
    return {
      id: credential.id,
      personId: credential.personId,
      number: credential.number,
      status: effectiveStatus(
        credential.status,
        credential.validUntil,
        this.calendar.today(),
        credential.suspendedUntil,
      ),
      validFrom: credential.validFrom,
      validUntil: credential.validUntil,
      issuerKind: type!.issuerKind,
      typeCode: type!.code,
      typeName: type!.name,
      professionId: type!.professionId,
      validityMonths: type!.validityMonths,
      graceDays: type!.graceDays,
      renewalWindowDays: type!.renewalWindowDays,
      autoRenew: type!.autoRenew,
    };
  }

  /**
   * The next validity period of a credential issued here, from the day after its last one ends:
   * its number stays, the history keeps every period, and its VC is signed afresh with the new
   * dates. In the renewal's transaction, after `renewalSubject` locked the row.
   */
  async renewPeriod(
    manager: EntityManager,
    actor: Actor,
    credential: RenewableCredential,
    reason: string,
  ): Promise<{ validFrom: string; validUntil: string | null }> {
    const validFrom = addDays(credential.validUntil!, 1);
    const next = { validFrom, validUntil: validUntil(validFrom, credential.validityMonths) };
    await this.repository.insertPeriod(manager, credential.id, next);
    await this.repository.updateCredential(manager, credential.id, { validUntil: next.validUntil });
    await this.recordEvent(manager, actor, credential.id, 'renewed', reason, {
      before: { validUntil: credential.validUntil },
      after: next,
    });
    return next;
  }

  /**
   * The person's verified credentials begun by `asOf`, ended ones too, each with its span and
   * whether it is valid that day: what requirements read.
   */
  heldForRequirements(manager: EntityManager, personId: string, asOf: string) {
    return this.repository.heldForRequirements(manager, personId, asOf);
  }

  /** These people's verified credentials begun by `asOf`, past ones too: CPD reads cycles from them. */
  verifiedCyclesOf(manager: EntityManager, personIds: string[], asOf: string) {
    return this.repository.verifiedCyclesOf(manager, personIds, asOf);
  }

  /** Everyone holding a verified credential of a type valid on `asOf` (a CPD audit draws from them). */
  holdersOfType(
    manager: EntityManager,
    typeCode: string,
    asOf: string,
    professionId: string | null,
  ): Promise<string[]> {
    return this.repository.holdersOfType(manager, typeCode, asOf, professionId);
  }

  /** Whether a person holds a verified credential of a type, valid on `asOf`: the pipeline's question. */
  async holdsValid(
    manager: EntityManager,
    personId: string,
    credentialTypeId: string,
    asOf = this.calendar.today(),
  ): Promise<{ code: string; held: boolean }> {
    const row = await this.repository.holdsValid(manager, personId, credentialTypeId, asOf);
    if (!row) throw notFound('Credential type', credentialTypeId);
    return row;
  }

  /**
   * Credential types by code, as a profession reads them (`ownOrShared`): its own, else those of
   * no profession. Asked for no profession, a code several professions hold names none of them.
   */
  async typesByCode(
    manager: EntityManager,
    professionId?: string | null,
  ): Promise<Map<string, TypeAsRead>> {
    const types = await this.repository.allTypes(manager);
    const codes = new Set(types.map((type) => type.code));
    return new Map(
      [...codes].flatMap((code) => {
        const type = ownOrShared(
          types.filter((candidate) => candidate.code === code),
          professionId,
        );
        return type ? [[code, type] as const] : [];
      }),
    );
  }

  /** The credential types that hold for a profession (`holdsFor`): what its requirements may name. */
  async typesHoldingFor(
    manager: EntityManager,
    professionId: string | null | undefined,
  ): Promise<(TypeAsRead & { code: string })[]> {
    return (await this.repository.allTypes(manager)).filter((type) =>
      holdsFor(type.professionId, professionId),
    );
  }

  /**
   * The public answers for numbers, with each credential's id: what an organisation watching
   * them is told, the same answer as a check.
   */
  publicAnswers(numbers: string[]) {
    return this.publicVerification.findMany(numbers);
  }

  /** The persons whose credentials these are, for the access check of a holder's own. */
  ownersOf(ids: string[]): Promise<Map<string, string>> {
    return this.repository.ownersOf(ids);
  }

  /** The professions (null: none) whose credential types have a code. */
  async professionsOfType(manager: EntityManager, code: string): Promise<(string | null)[]> {
    return (await this.repository.allTypes(manager))
      .filter((type) => type.code === code)
      .map((type) => type.professionId);
  }

  /**
   * How many valid credentials of each type these people hold now (not revoked, not rejected,
   * not past their end), counted the way issuing and recording count toward a type's cap. Each
   * person and type is locked as those do, so a concurrent recording counts in turn.
   */
  async validCounts(
    manager: EntityManager,
    pairs: { personId: string; typeId: string }[],
  ): Promise<Map<string, number>> {
    return this.repository.lockAndCountTowardCap(manager, pairs, this.calendar.today());
  }

  /**
   * Records many credentials at once (a register import) in the caller's transaction, each with
   * its period and a `recorded` event; `source` names where they came from in the audit rows.
   */
  async recordMany(
    manager: EntityManager,
    actor: Actor,
    credentials: RecordedCredential[],
    source: string,
  ): Promise<number> {
    if (!credentials.length) return 0;
    const rows = await this.repository.insertRecorded(manager, credentials, {
      actorAccountId: actor.kind === 'account' ? actor.accountId : null,
      reason: `Imported: ${source}`,
    });
    await this.audit.recordMany(
      manager,
      actor,
      rows.map((row) => ({
        action: 'credential.recorded',
        entityType: 'credential',
        entityId: row.id,
        after: { number: row.number, source },
      })),
    );
    return rows.length;
  }

  /**
   * The holder of a verified credential shown to verifiers, for an organisation (the actor)
   * asking of their standing; the question is kept in the holder's verification log.
   */
  holderForStanding(actor: Actor, number: string) {
    return this.organisationChecks.holderForStanding(actor, number);
  }

  /** The profession of the credential with this number (of its type), or null. */
  professionOfNumber(manager: EntityManager, number: string): Promise<string | null> {
    return this.repository.professionOfNumber(manager, number);
  }

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
      await this.recordEvent(manager, actor, kept.id, 'reinstated', reason, {
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
      if (current === 'revoked' || current === 'superseded') continue;
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
  /** A credential's event, with the audit row that says what it changed. */
  private async recordEvent(
    manager: EntityManager,
    actor: Actor,
    credentialId: string,
    event: 'renewed' | 'reinstated' | 'revoked',
    reason: string,
    change: { before: Record<string, unknown>; after: Record<string, unknown> },
  ): Promise<void> {
    await this.repository.insertEvent(manager, {
      credentialId,
      event,
      reason,
      actorAccountId: actor.kind === 'account' ? actor.accountId : null,
    });
    await this.audit.record(manager, actor, {
      action: `credential.${event}`,
      entityType: 'credential',
      entityId: credentialId,
      ...change,
    });
  }

  private async revoke(
    manager: EntityManager,
    actor: Actor,
    credential: Credential,
    reason: string,
    followed?: 'membership',
  ): Promise<void> {
    if (credential.status === 'revoked' || credential.status === 'superseded') return;
    await this.repository.updateCredential(manager, credential.id, {
      status: 'revoked',
      statusReason: reason,
      suspendedUntil: null,
      statusChangedAt: new Date(),
    });
    await this.recordEvent(manager, actor, credential.id, 'revoked', reason, {
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

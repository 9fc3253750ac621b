import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { composedSuspension, holdsOn } from 'src/common/suspensions';
import { CredentialsRepository } from 'src/credentials/credentials.repository';
import type { Credential } from 'src/credentials/entities/credential.entity';
import type {
  CredentialSuspension,
  CredentialSuspensionSource,
} from 'src/credentials/entities/credential-suspension.entity';

export interface NewCredentialSuspension {
  source: CredentialSuspensionSource;
  /** The record it comes from (a sanction, a membership's suspension); kept once per credential. */
  sourceId: string | null;
  reason: string;
  startsOn: string;
  endsOn: string | null;
}

/**
 * The suspensions of a credential, kept one by one with their source, and the status they
 * compose on its row (caller's transaction, the credential locked by the caller). A revoked
 * credential keeps no new suspension: revoked wins, and a superseded one is no longer in force.
 */
@Injectable()
export class CredentialSuspensions {
  constructor(
    private readonly repository: CredentialsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Keeps one more suspension, with its event and audit row; null where it was kept already. */
  async suspend(
    manager: EntityManager,
    actor: Actor,
    credential: Credential,
    suspension: NewCredentialSuspension,
    today: string,
  ): Promise<string | null> {
    if (credential.status === 'revoked' || credential.status === 'superseded') return null;
    const id = await this.repository.insertSuspension(manager, {
      credentialId: credential.id,
      ...suspension,
    });
    if (!id) return null;
    await this.repository.insertEvent(manager, {
      credentialId: credential.id,
      event: 'suspended',
      reason: suspension.reason,
      suspendedUntil: suspension.endsOn,
      suspensionId: id,
      actorAccountId: actorAccountOf(actor),
    });
    const after = await this.recompose(manager, credential, suspension.reason, today);
    await this.audit.record(manager, actor, {
      action: 'credential.suspended',
      entityType: 'credential',
      entityId: credential.id,
      before: { status: credential.status, suspendedUntil: credential.suspendedUntil },
      after: { ...after, source: suspension.source, suspendedUntil: suspension.endsOn },
    });
    return id;
  }

  /**
   * Lifts the suspensions holding today that `which` picks, each with an event, and recomposes:
   * others keep the credential suspended. Returns how many were lifted.
   */
  async lift(
    manager: EntityManager,
    actor: Actor,
    credential: Credential,
    which: (suspension: CredentialSuspension) => boolean,
    reason: string,
    today: string,
  ): Promise<number> {
    const lifted = (await this.repository.suspensionsOf(manager, credential.id)).filter(
      (suspension) =>
        suspension.liftedOn === null && holdsOn(suspension, today) && which(suspension),
    );
    if (!lifted.length) return 0;
    await this.repository.liftSuspensions(
      manager,
      lifted.map((suspension) => suspension.id),
      today,
      reason,
    );
    for (const suspension of lifted) {
      await this.repository.insertEvent(manager, {
        credentialId: credential.id,
        event: 'reinstated',
        reason,
        suspensionId: suspension.id,
        actorAccountId: actorAccountOf(actor),
      });
    }
    const after = await this.recompose(manager, credential, reason, today);
    await this.audit.record(manager, actor, {
      action: 'credential.reinstated',
      entityType: 'credential',
      entityId: credential.id,
      before: { status: credential.status, suspendedUntil: credential.suspendedUntil },
      after: { ...after, lifted: lifted.map((suspension) => suspension.source) },
    });
    return lifted.length;
  }

  /** The suspensions holding today, by source: what a change by hand may lift. */
  async holdingOn(
    manager: EntityManager,
    credentialId: string,
    today: string,
  ): Promise<CredentialSuspension[]> {
    return (await this.repository.suspensionsOf(manager, credentialId)).filter((suspension) =>
      holdsOn(suspension, today),
    );
  }

  /**
   * Writes on the row what the kept suspensions make of it today: suspended through the union
   * of those holding, else active (expiry is read from the dates). A revoked or superseded row stays so.
   */
  async recompose(
    manager: EntityManager,
    credential: Credential,
    reason: string,
    today: string,
  ): Promise<Pick<Credential, 'status' | 'suspendedUntil'>> {
    if (credential.status === 'revoked' || credential.status === 'superseded')
      return { status: credential.status, suspendedUntil: null };
    const composed = composedSuspension(
      await this.repository.suspensionsOf(manager, credential.id),
      today,
    );
    const values = composed.suspended
      ? { status: 'suspended' as const, suspendedUntil: composed.until }
      : { status: 'active' as const, suspendedUntil: null };
    if (
      values.status !== credential.status ||
      values.suspendedUntil !== credential.suspendedUntil
    ) {
      await this.repository.updateCredential(manager, credential.id, {
        ...values,
        statusReason: reason,
        ...(values.status !== credential.status ? { statusChangedAt: new Date() } : {}),
      });
    }
    return values;
  }
}

const actorAccountOf = (actor: Actor) => (actor.kind === 'account' ? actor.accountId : null);

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { Transactions } from 'src/database/transactions';
import {
  CredentialsRepository,
  type RecordedCredential,
} from 'src/credentials/credentials.repository';
import type { CredentialType } from 'src/credentials/entities/credential-type.entity';

/**
 * The credentials register as a register import reads and writes it: many at once, inside the
 * import's own transaction, counted toward each type's cap as single recordings are.
 */
@Injectable()
export class CredentialRegisterService {
  constructor(
    private readonly repository: CredentialsRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly transactions: Transactions,
  ) {}

  /** Credential types by code, as an import reads them. */
  async typesByCode(
    within?: EntityManager,
  ): Promise<
    Map<
      string,
      Pick<
        CredentialType,
        | 'id'
        | 'issuerKind'
        | 'issuingAuthority'
        | 'validityMonths'
        | 'maxActivePerPerson'
        | 'active'
        | 'membershipCard'
      >
    >
  > {
    const types = await this.repository.allTypes(within ?? this.transactions.reader);
    return new Map(types.map((type) => [type.code, type]));
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

  /** Who holds each of these numbers, for the numbers already recorded. */
  holdersByNumber(manager: EntityManager, numbers: string[]): Promise<Map<string, string>> {
    return this.repository.holdersByNumber(manager, numbers);
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
}

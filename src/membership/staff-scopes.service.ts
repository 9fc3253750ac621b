import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isStaffActor, PersonScopes, type ScopeCondition } from 'src/auth/access';
import type { Actor, StaffScope } from 'src/auth/principal';
import { notFound } from 'src/common/errors/app-error';
import { Transactions } from 'src/database/transactions';
import { StaffScopesRepository } from 'src/membership/staff-scopes.repository';

/** The people of a staff account's scope, read from memberships and applications. */
@Injectable()
export class MembershipPersonScopes extends PersonScopes {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: StaffScopesRepository,
  ) {
    super();
  }

  async inScope(scope: StaffScope, personIds: string[]): Promise<Set<string>> {
    if (!personIds.length) return new Set();
    return new Set(await this.repository.peopleInScope(this.transactions.reader, scope, personIds));
  }

  condition(scope: StaffScope, personIdColumn: string): ScopeCondition {
    return this.repository.condition(scope, personIdColumn);
  }

  /**
   * A scoped staff account reaches a membership or application of its profession and chapter
   * only (not another of the same person's): another is answered as missing.
   */
  async requireRecord(
    actor: Actor,
    what: 'Membership' | 'Membership application',
    id: string,
    manager: EntityManager = this.transactions.reader,
  ): Promise<void> {
    const scope = isStaffActor(actor) ? actor.scope : null;
    if (!scope) return;
    const table = what === 'Membership' ? 'memberships' : 'membership_applications';
    const [found] = await this.repository.recordsInScope(manager, table, scope, [id]);
    if (found === undefined) throw notFound(what, id);
  }

  /** The condition a list of memberships or applications (`alias`) adds for a scoped account. */
  recordCondition(actor: Actor, alias: string): ScopeCondition | null {
    const scope = isStaffActor(actor) ? actor.scope : null;
    return scope ? this.repository.recordCondition(scope, alias) : null;
  }
}

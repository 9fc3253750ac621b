import { Injectable } from '@nestjs/common';
import type { AccountActor, Actor, StaffScope } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';

/**
 * Row-level access in one place: the staff of a route's duty act on everyone's records (the
 * guard marks them agents, see duties.ts), a staff account scoped to a profession or chapter on
 * its people's records, anyone else only on their own.
 */
export const isStaffActor = (actor: Actor): actor is AccountActor =>
  actor.kind === 'account' && actor.agent === true;

export const isSelf = (actor: Actor, personId: string): boolean =>
  actor.kind === 'account' && actor.personId !== null && actor.personId === personId;

/** The person each of these records belongs to, by record id: a query of ids, not of the records. */
export type OwnersOf = (ids: string[]) => Promise<Map<string, string>>;

/** A condition on a person id column of a list query, with its named parameters. */
export interface ScopeCondition {
  sql: string;
  parameters: Record<string, unknown>;
}

/**
 * Which people a scoped staff account acts on. What makes someone "its people" (a membership or
 * application in the profession's categories or the chapter) is kept where memberships are, which
 * provides this; the access check below only asks.
 */
export abstract class PersonScopes {
  /** The people among these that the scope covers. */
  abstract inScope(scope: StaffScope, personIds: string[]): Promise<Set<string>>;
  /** The same, as a condition a list query adds on its person id column. */
  abstract condition(scope: StaffScope, personIdColumn: string): ScopeCondition;
}

const scopeOf = (actor: Actor): StaffScope | null =>
  isStaffActor(actor) ? (actor.scope ?? null) : null;

@Injectable()
export class Access {
  constructor(private readonly scopes: PersonScopes) {}

  /**
   * Row-level access before the record is loaded: staff of the route's duty may touch any id (a
   * scoped one, ids of its people); a member only ids of their own. One query of owners decides.
   * Another's record is answered exactly as a missing one (404), so nothing about it, not even
   * that it exists, reaches the caller.
   */
  async require(
    actor: Actor,
    what: string,
    ids: string | string[],
    ownersOf: OwnersOf,
  ): Promise<void> {
    const wanted = typeof ids === 'string' ? [ids] : ids;
    const scope = scopeOf(actor);
    if ((isStaffActor(actor) && !scope) || !wanted.length) return;
    const owners = await ownersOf(wanted);
    const allowed = scope
      ? await this.scopes.inScope(scope, [...new Set(owners.values())])
      : new Set(actor.kind === 'account' && actor.personId ? [actor.personId] : []);
    // A missing record stays the service's to answer for staff; to a member it is someone else's.
    const foreign = wanted.find((id) => {
      const owner = owners.get(id);
      return owner === undefined ? !scope : !allowed.has(owner);
    });
    if (foreign !== undefined) throw notFound(what, foreign);
  }

  /** As `require`, for a person record itself or a person a request names (`personId`). */
  async requirePerson(actor: Actor, personId: string): Promise<void> {
    const scope = scopeOf(actor);
    if (scope ? (await this.scopes.inScope(scope, [personId])).has(personId) : isStaffActor(actor))
      return;
    if (isSelf(actor, personId)) return;
    throw notFound('Person', personId);
  }

  /**
   * The person a request is for: the one it names (`personId`), else the caller's own. Staff name
   * anyone they reach; a member naming anyone but themselves is answered 404, exactly as for a
   * person who does not exist (never 403, never silently themselves instead).
   */
  async requireNamedPerson(actor: Actor, personId: string | undefined | null): Promise<string> {
    const named = personId ?? requireOwnPerson(actor);
    await this.requirePerson(actor, named);
    return named;
  }

  /** The condition a list adds for a scoped staff account; null for everyone else. */
  listCondition(actor: Actor, personIdColumn: string): ScopeCondition | null {
    const scope = scopeOf(actor);
    return scope && this.scopes.condition(scope, personIdColumn);
  }
}

export function requireAccount(actor: Actor): AccountActor {
  if (actor.kind !== 'account')
    throw new AppError('forbidden', 'This route needs a signed-in account');
  return actor;
}

/** An organisation calling with its API key: the routes made for organisations. */
export function requireApiKey(actor: Actor): Extract<Actor, { kind: 'api_key' }> {
  if (actor.kind !== 'api_key') {
    throw new AppError('forbidden', 'Organisations call this route with their API key');
  }
  return actor;
}

/** The person record behind a member's own account ("me" routes). */
export function requireOwnPerson(actor: Actor): string {
  const account = requireAccount(actor);
  if (!account.personId) {
    throw new AppError('not-found', 'This account is not linked to a person record');
  }
  return account.personId;
}

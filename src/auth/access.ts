import type { AccountActor, Actor } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';

/**
 * Row-level access in one place: the staff of a route's duty act on everyone's records (the
 * guard marks them agents, see duties.ts), anyone else only on their own.
 */
export const isStaffActor = (actor: Actor): actor is AccountActor =>
  actor.kind === 'account' && actor.agent === true;

export const isSelf = (actor: Actor, personId: string): boolean =>
  actor.kind === 'account' && actor.personId !== null && actor.personId === personId;

/** The ids among `ids` that belong to the person: a query of ids, not of the records. */
export type OwnedIds = (personId: string, ids: string[]) => Promise<string[]>;

/**
 * Row-level access before the record is loaded: staff of the route's duty may touch any id; a
 * member only ids of their own, found by one query of ids. Another member's record is answered
 * exactly as a missing one (404), so nothing about it, not even that it exists, reaches them.
 */
export async function requireAccess(
  actor: Actor,
  what: string,
  ids: string | string[],
  ownedBy: OwnedIds,
): Promise<void> {
  const personId = actor.kind === 'account' ? actor.personId : null;
  if (isStaffActor(actor)) return;
  const wanted = typeof ids === 'string' ? [ids] : ids;
  const owned = new Set(personId && wanted.length ? await ownedBy(personId, wanted) : []);
  const foreign = wanted.find((id) => !owned.has(id));
  if (foreign !== undefined) throw notFound(what, foreign);
}

/** As requireAccess, for a person record itself: a member's own id is their person id. */
export function requirePersonRecord(actor: Actor, personId: string): void {
  if (isStaffActor(actor) || isSelf(actor, personId)) return;
  throw notFound('Person', personId);
}

export function requireAccount(actor: Actor): AccountActor {
  if (actor.kind !== 'account')
    throw new AppError('forbidden', 'This route needs a signed-in account');
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

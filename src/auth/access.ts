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

export function requirePersonAccess(actor: Actor, personId: string): void {
  if (isStaffActor(actor) || isSelf(actor, personId)) return;
  throw new AppError('forbidden', 'Members can see and change only their own records');
}

/**
 * As requirePersonAccess, but another person's record is answered as not found: nothing about it
 * (not even that it exists, nor its state) reaches a member.
 */
export function requirePersonRecord(
  actor: Actor,
  personId: string,
  what: string,
  id: string,
): void {
  if (isStaffActor(actor) || isSelf(actor, personId)) return;
  throw notFound(what, id);
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

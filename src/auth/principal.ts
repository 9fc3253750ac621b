import type { Role } from 'src/auth/roles';

/**
 * Where a staff account works, where the deployment scopes staff: a profession (its categories'
 * members and applicants), a chapter (and the chapters under it), or both.
 */
export interface StaffScope {
  professionId: string | null;
  chapterId: string | null;
}

/** The scope an account's two columns make: none when both are empty. */
export const staffScope = (
  professionId: string | null,
  chapterId: string | null,
): StaffScope | null => (professionId || chapterId ? { professionId, chapterId } : null);

/** Who is calling, as established by the authentication guard (request.user). */
export type Principal =
  | {
      kind: 'account';
      accountId: string;
      personId: string | null;
      roles: Role[];
      /** Set per route by the guard: this account acts on anyone's records there (its duty). */
      agent?: boolean;
      /** A staff account scoped to a profession or chapter acts only on its people (access.ts). */
      scope?: StaffScope | null;
    }
  | { kind: 'api_key'; apiKeyId: string; name: string; organisation: string };

/** Where a request came from, as the audit trail records it. */
export interface RequestOrigin {
  requestId: string | null;
  ip: string | null;
}

/** The caller of a use case: a principal, or the system itself (jobs, start-up, anonymous routes). */
export type Actor = (Principal | { kind: 'system' }) & RequestOrigin;

export type AccountActor = Extract<Actor, { kind: 'account' }>;

export const SYSTEM_ACTOR: Actor = { kind: 'system', requestId: null, ip: null };

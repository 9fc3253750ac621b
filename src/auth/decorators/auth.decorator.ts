import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiSecurity,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { DUTIES, type Duty } from 'src/auth/duties';
import { ROLES, type Role } from 'src/auth/roles';

export const AUTH_POLICY = 'guildhall:auth-policy';

/**
 * Who may call a route. `roles` act on anyone's records there (the route's duty, see duties.ts);
 * with `self`, an account linked to a person acts on that person's own records; `apiKey` admits
 * organisations.
 */
export type AuthPolicy =
  | { public: true }
  | { public: false; roles: readonly Role[]; self: boolean; apiKey: boolean; duty: Duty | null };

/** An open route: no credentials needed (health, login, public verification). */
export const Public = () =>
  applyDecorators(
    SetMetadata(AUTH_POLICY, { public: true } satisfies AuthPolicy),
    ApiTooManyRequestsResponse({ type: ProblemResponse, description: 'Rate limit reached' }),
  );

/** Staff of a duty only. Routes without any policy are refused to everyone (deny by default). */
export const Staff = (duty: Duty) =>
  authPolicy({ roles: DUTIES[duty], self: false, apiKey: false, duty });

/** A member on their own records, and the staff of a duty on anyone's. */
export const SelfOrStaff = (duty: Duty) =>
  authPolicy({ roles: DUTIES[duty], self: true, apiKey: false, duty });

/** Any signed-in account, on its own session or on reference data (no one else's records). */
export const AnyAccount = () =>
  authPolicy({ roles: ROLES, self: false, apiKey: false, duty: null });

/** Organisations calling with an API key (X-API-Key). */
export const OrganisationKey = () =>
  authPolicy({ roles: [], self: false, apiKey: true, duty: null });

function authPolicy(policy: Omit<Extract<AuthPolicy, { public: false }>, 'public'>) {
  const who = [
    ...policy.roles,
    ...(policy.self ? ['member (own records)'] : []),
    ...(policy.apiKey ? ['organisation API key'] : []),
  ].join(', ');
  return applyDecorators(
    SetMetadata(AUTH_POLICY, { public: false, ...policy } satisfies AuthPolicy),
    ...(policy.roles.length || policy.self ? [ApiBearerAuth()] : []),
    ...(policy.apiKey ? [ApiSecurity('apiKey')] : []),
    ApiExtension('x-allowed', who),
    ApiExtension('x-duty', policy.duty ?? (policy.apiKey ? 'organisations' : 'any account')),
    ApiExtension('x-self', policy.self),
    ApiUnauthorizedResponse({
      type: ProblemResponse,
      description: 'Missing, invalid or expired credentials',
    }),
    ApiForbiddenResponse({ type: ProblemResponse, description: `Allowed: ${who}` }),
  );
}

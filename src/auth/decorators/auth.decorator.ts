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
import { ROLES, type Role } from 'src/auth/roles';

export const AUTH_POLICY = 'guildhall:auth-policy';

export type AuthPolicy =
  { public: true } | { public: false; roles: readonly Role[]; apiKey: boolean };

/** An open route: no credentials needed (health, login, public verification). */
export const Public = () =>
  applyDecorators(
    SetMetadata(AUTH_POLICY, { public: true } satisfies AuthPolicy),
    ApiTooManyRequestsResponse({ type: ProblemResponse, description: 'Rate limit reached' }),
  );

/**
 * The roles a route admits. Routes without any policy are refused to everyone: the guard
 * denies by default, so a forgotten decorator fails closed.
 */
export const Auth = (...roles: Role[]) => authPolicy(roles, false);

/** Any signed-in account, staff or member; row-level checks happen in the service. */
export const AnyAccount = () => authPolicy(ROLES, false);

/** Organisations calling with an API key (X-API-Key), optionally staff roles as well. */
export const OrganisationKey = (...roles: Role[]) => authPolicy(roles, true);

function authPolicy(roles: readonly Role[], apiKey: boolean) {
  const who = [...roles, ...(apiKey ? ['organisation API key'] : [])].join(', ');
  return applyDecorators(
    SetMetadata(AUTH_POLICY, { public: false, roles, apiKey } satisfies AuthPolicy),
    ...(roles.length ? [ApiBearerAuth()] : []),
    ...(apiKey ? [ApiSecurity('apiKey')] : []),
    ApiExtension('x-allowed', who),
    ApiUnauthorizedResponse({
      type: ProblemResponse,
      description: 'Missing, invalid or expired credentials',
    }),
    ApiForbiddenResponse({ type: ProblemResponse, description: `Allowed: ${who}` }),
  );
}

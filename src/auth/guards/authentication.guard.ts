import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AUTH_POLICY, type AuthPolicy } from 'src/auth/decorators/auth.decorator';
import { SCOPED_DUTIES } from 'src/auth/duties';
import type { Principal } from 'src/auth/principal';
import { AppError } from 'src/common/errors/app-error';

/** Passport hands over whatever a strategy failed with; the filter needs an Error. */
export const asError = (err: unknown): Error =>
  err instanceof Error ? err : new Error(String(err));

class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T>(err: unknown, user: T | false, info: unknown): T {
    if (err) throw asError(err);
    if ((info as Error | undefined)?.name === 'TokenExpiredError') {
      throw new AppError(
        'token-expired',
        'The access token has expired; refresh it or sign in again',
      );
    }
    if (!user) throw new AppError('unauthenticated', 'The access token is missing or not valid');
    return user;
  }
}

class ApiKeyAuthGuard extends AuthGuard('api-key') {
  override handleRequest<T>(err: unknown, user: T | false): T {
    if (err) throw asError(err);
    if (!user) throw new AppError('unauthenticated', 'The API key is unknown or revoked');
    return user;
  }
}

/**
 * The one global guard: authenticates with a bearer token or an API key, then checks the
 * route's policy. A route that declares no policy is refused to everyone (deny by default).
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  private readonly jwt = new JwtAuthGuard();
  private readonly apiKey = new ApiKeyAuthGuard();

  constructor(private readonly reflector: Reflector) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AuthPolicy | undefined>(AUTH_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy?.public) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
    if (request.headers.authorization) await this.jwt.canActivate(context);
    else if (request.headers['x-api-key']) await this.apiKey.canActivate(context);
    else throw new AppError('unauthenticated', 'Send a bearer access token or an API key');

    const principal = request.user;
    if (!policy || !principal)
      throw new AppError('forbidden', 'This route is not open to any caller');
    if (principal.kind === 'api_key') {
      if (!policy.apiKey) throw new AppError('forbidden', 'API keys cannot use this route');
      return true;
    }
    const scopedOut =
      !!principal.scope && policy.duty !== null && !SCOPED_DUTIES.includes(policy.duty);
    principal.agent = !scopedOut && principal.roles.some((role) => policy.roles.includes(role));
    if (principal.agent || (policy.self && principal.personId !== null)) return true;
    const admitted = [
      ...policy.roles,
      ...(policy.self ? ['members, on their own records'] : []),
      ...(policy.apiKey ? ['organisations with an API key'] : []),
    ];
    throw new AppError(
      'forbidden',
      scopedOut
        ? `This route is for ${admitted.join(', ')} of the whole association; this account is scoped to a profession or chapter`
        : `This route is for ${admitted.join(', ')}`,
    );
  }
}

import { type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerModuleOptions } from '@nestjs/throttler';
import type { ThrottlerLimitDetail } from '@nestjs/throttler/dist/throttler.guard.interface';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from 'src/common/errors/app-error';
import { FixedWindowThrottlerStorage } from 'src/common/http/fixed-window-throttler.storage';
import type { Settings } from 'src/config/settings';

const CREDENTIALS_ROUTE = 'guildhall:credentials-route';

/** Marks routes that take a password (login, register) or anonymous writes (a complaint): they get the stricter per-IP limit. */
export const StrictRateLimit = () => SetMetadata(CREDENTIALS_ROUTE, true);

const isStrictRateLimit = (context: ExecutionContext) =>
  Reflect.getMetadata(CREDENTIALS_ROUTE, context.getHandler()) === true;

/**
 * Per-IP limits: one across all routes, a stricter one for routes that take a password.
 * Keys are `<limit>:<ip>` (no per-route hashing) and the X-RateLimit-* headers are off: both
 * cost a third of a simple route's throughput (bench/). Retry-After is still sent when refused.
 */
export const throttlerOptions = (settings: Settings): ThrottlerModuleOptions => ({
  throttlers: [
    { name: 'default', ttl: 60_000, limit: settings.rateLimitPerMinute },
    {
      name: 'credentials',
      ttl: 60_000,
      limit: settings.loginRateLimitPerMinute,
      skipIf: (context) => !isStrictRateLimit(context),
    },
  ],
  storage: new FixedWindowThrottlerStorage(),
  setHeaders: false,
  getTracker: (request: Record<string, unknown>) => String(request.ip),
  generateKey: (_context, tracker, throttlerName) => `${throttlerName}:${tracker}`,
});

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    void reply.header('retry-after', String(retryAfter));
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    throw new AppError(
      'rate-limited',
      `Too many requests from ${request.ip}; retry in ${retryAfter} s`,
      {
        retryAfter,
      },
    );
  }
}

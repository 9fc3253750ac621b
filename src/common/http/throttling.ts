import { type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ThrottlerOptions } from '@nestjs/throttler';
import type { Settings } from 'src/config/settings';

const CREDENTIALS_ROUTE = 'guildhall:credentials-route';

/** Marks routes that take a password (login, register): they get the stricter per-IP limit. */
export const CredentialsRoute = () => SetMetadata(CREDENTIALS_ROUTE, true);

const isCredentialsRoute = (context: ExecutionContext) =>
  Reflect.getMetadata(CREDENTIALS_ROUTE, context.getHandler()) === true;

/** Per-IP limits: one for every route, a stricter one for routes that take a password. */
export const throttlers = (settings: Settings): ThrottlerOptions[] => [
  { name: 'default', ttl: 60_000, limit: settings.rateLimitPerMinute },
  {
    name: 'credentials',
    ttl: 60_000,
    limit: settings.loginRateLimitPerMinute,
    skipIf: (context) => !isCredentialsRoute(context),
  },
];

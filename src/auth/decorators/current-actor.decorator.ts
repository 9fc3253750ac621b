import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Actor, Principal } from 'src/auth/principal';

/** The caller (or the anonymous system actor on public routes) plus request id and IP. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
  const origin = { requestId: request.id, ip: request.ip };
  return request.user ? { ...request.user, ...origin } : { kind: 'system', ...origin };
});

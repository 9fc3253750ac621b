import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The caller's User-Agent, or null: kept as evidence where it matters (a pledge), never required
 * (so the API description does not list it as a parameter clients must send).
 */
export const UserAgent = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | null => {
    const value = context.switchToHttp().getRequest<FastifyRequest>().headers['user-agent'];
    return typeof value === 'string' ? value.slice(0, 500) : null;
  },
);

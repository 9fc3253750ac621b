import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { AppError } from 'src/common/errors/app-error';

/** Deeper JSON than any Guildhall body needs (they nest three levels at most). */
export const MAX_JSON_DEPTH = 32;

/** A JSON body that could not be read: kept as such until the request is authenticated. */
export class UnreadableBody {
  constructor(readonly reason: string) {}
}

/** Depth of a parsed value, walked with a stack of its own (a deep value cannot overflow it). */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * JSON bodies through Fastify's own parser (prototype poisoning refused), with a depth limit.
 * A body that cannot be read is not refused here, before authentication, but handed on marked
 * unreadable: the caller without a token gets 401 first, the signed-in caller a 400.
 */
export function registerJsonBody(server: FastifyInstance): void {
  const parse = server.getDefaultJsonParser('error', 'error');
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done) => {
      // No body under a JSON content type (curl -X POST with the header set) is no body: a
      // route that takes none is served, one that needs one names its missing fields.
      if (body.length === 0) return done(null, undefined);
      void parse(request, body.toString(), (error, value) => {
        if (error) return done(null, new UnreadableBody(error.message));
        if (deeperThan(value, MAX_JSON_DEPTH)) {
          return done(
            null,
            new UnreadableBody(`The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`),
          );
        }
        done(null, value);
      });
    },
  );
}

/** Refuses an unreadable body once the guards (authentication first) have let the request in. */
@Injectable()
export class UnreadableBodyInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { body } = context.switchToHttp().getRequest<FastifyRequest>();
    if (body instanceof UnreadableBody) throw new AppError('malformed-request', body.reason);
    return next.handle();
  }
}

import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { map, type Observable } from 'rxjs';

/** Seconds a CDN or browser may reuse a public answer; statuses change rarely, but must show soon. */
export const PUBLIC_MAX_AGE_SECONDS = 60;

/**
 * Public answers carry an ETag and a short Cache-Control, so a CDN can sit in front; a client
 * that presents the current ETag gets 304 and no body.
 */
@Injectable()
export class PublicCacheInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('base64url')}"`;
        void reply
          .header('etag', etag)
          .header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
        if (request.headers['if-none-match'] === etag) {
          void reply.status(304);
          return undefined;
        }
        return body;
      }),
    );
  }
}

import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/** Seconds a CDN or browser may reuse a public answer; statuses change rarely, but must show soon. */
export const PUBLIC_MAX_AGE_SECONDS = 60;

/**
 * Marks a public route whose 200 answers carry an ETag and a short Cache-Control, so a CDN can
 * sit in front; a client presenting the current ETag gets 304 and no body.
 */
export const PublicCache = () => RouteConfig({ publicCache: true });

const isPublicCache = (request: FastifyRequest) =>
  (request.routeOptions.config as { publicCache?: boolean } | undefined)?.publicCache === true;

/**
 * Done at the HTTP layer, on the body already serialised: as a Nest interceptor the same work
 * cost a quarter of the public lookup's throughput (bench/).
 */
export function registerPublicCache(server: FastifyInstance): void {
  server.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode !== 200 || typeof payload !== 'string' || !isPublicCache(request)) {
      done(null, payload);
      return;
    }
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
    void reply
      .header('etag', etag)
      .header('cache-control', `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`);
    if (request.headers['if-none-match'] === etag) {
      void reply.code(304);
      done(null, '');
      return;
    }
    done(null, payload);
  });
}

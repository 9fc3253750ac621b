import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/**
 * A verifier relies on a public answer being current: a suspension must show on the next read,
 * not after a cache's minute. So caches keep public answers but revalidate every time; with the
 * ETag, an unchanged answer costs them a 304 and no body.
 */
export const PUBLIC_CACHE_CONTROL = 'public, no-cache';

/**
 * Marks a public route whose 200 answers carry an ETag and a Cache-Control that makes caches
 * revalidate; a client presenting the current ETag gets 304 and no body.
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
    void reply.header('etag', etag).header('cache-control', PUBLIC_CACHE_CONTROL);
    if (request.headers['if-none-match'] === etag) {
      void reply.code(304);
      done(null, '');
      return;
    }
    done(null, payload);
  });
}

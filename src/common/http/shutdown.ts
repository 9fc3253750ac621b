import type { FastifyInstance } from 'fastify';
import { AppError } from 'src/common/errors/app-error';
import { sendProblem } from 'src/common/errors/problem-details.filter';

/** How long keep-alive connections are left open at shutdown for a request already on its way. */
const SHUTDOWN_GRACE_MS = 1_000;

/**
 * Once shutdown begins, a request that still arrives on an open connection is answered 503
 * problem+json with Retry-After and the connection closed (another instance, or this one after
 * its restart, takes the retry); requests already in flight finish. Keep-alive connections stay open a moment first (or until every client has gone):
 * closing one under a client about to use it would reset that request instead of answering it.
 * Fastify's own answer would be plain JSON, so it is turned off (return503OnClosing in
 * http-adapter.ts), and so is its closing of idle connections at once (forceCloseConnections).
 */
export function registerShutdownAnswer(server: FastifyInstance): void {
  let closing = false;
  server.addHook('preClose', async () => {
    closing = true;
    const open = () =>
      new Promise<number>((resolve) =>
        server.server.getConnections((_error, count) => resolve(count)),
      );
    for (const until = Date.now() + SHUTDOWN_GRACE_MS; Date.now() < until && (await open()) > 0;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    server.server.closeIdleConnections();
  });
  server.addHook('onRequest', (request, reply, done) => {
    if (!closing) return done();
    void reply.header('connection', 'close');
    sendProblem(
      request,
      reply,
      new AppError('service-unavailable', 'Guildhall is shutting down; retry in a moment'),
    );
  });
}

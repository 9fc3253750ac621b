import type { FastifyInstance } from 'fastify';
import { AppError } from 'src/common/errors/app-error';
import { sendProblem } from 'src/common/errors/problem-details.filter';

/**
 * Once shutdown begins, a request that still arrives on an open connection is answered 503
 * problem+json with Retry-After and the connection closed (another instance, or this one after
 * its restart, takes the retry); requests already in flight finish. Fastify's own answer would
 * be plain JSON, so it is turned off (return503OnClosing in http-adapter.ts).
 */
export function registerShutdownAnswer(server: FastifyInstance): void {
  let closing = false;
  server.addHook('preClose', (done) => {
    closing = true;
    done();
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

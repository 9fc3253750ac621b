import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { sendProblem, toAppError } from 'src/common/errors/problem-details.filter';
import { createLogger, requestLogController } from 'src/common/http/logging';
import { keepNumbersWhole } from 'src/common/http/number-paths';
import type { Settings } from 'src/config/settings';

/** A caller's X-Request-Id is kept when it is safe to echo; otherwise a new one is made. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const BODY_LIMIT_BYTES = 1024 * 1024;

export function createHttpAdapter(settings: Settings): FastifyAdapter {
  return new FastifyAdapter({
    loggerInstance: createLogger(settings),
    logController: requestLogController(),
    trustProxy: settings.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    // Keep-alive sockets are closed at shutdown after a moment's grace, by common/http/shutdown.ts;
    // requests in flight are allowed to finish.
    forceCloseConnections: false,
    // Requests arriving while closing get a problem+json 503 instead (common/http/shutdown.ts).
    return503OnClosing: false,
    requestIdHeader: false,
    rewriteUrl: (raw: IncomingMessage) => keepNumbersWhole(raw.url ?? '/'),
    // A path Fastify cannot route (bad percent-encoding, a segment over 100 characters) is answered
    // before any hook or Nest sees it; it gets a problem like every other failure.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('x-request-id', request.id);
      sendProblem(request, reply, toAppError(error));
    },
    genReqId: (raw: IncomingMessage) => {
      const given = raw.headers['x-request-id'];
      return typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
}

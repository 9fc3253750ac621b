import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import type { Params } from 'nestjs-pino';
import pino, { type Logger, type LoggerOptions } from 'pino';
import type { Settings } from 'src/config/settings';

const REDACTED = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.refreshToken',
  '*.accessToken',
];

/** Structured JSON logs; credentials never reach them, nor query strings (they can hold names). */
const pinoOptions = (settings: Settings): LoggerOptions => ({
  level: settings.logLevel,
  redact: { paths: REDACTED, censor: '[redacted]' },
  serializers: {
    req: (request: FastifyRequest) => ({
      method: request.method,
      path: request.url.split('?')[0],
      ip: request.ip,
    }),
    res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
  },
});

/**
 * Requests are logged by Fastify's own pino logger, one line each when they complete: the
 * pino-http middleware route cost a quarter of the throughput of a simple route (bench/).
 */
class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (request.url.startsWith('/health/')) return;
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error || reply.statusCode >= 500)
      request.log.error({ ...fields, err: error }, 'request failed');
    else if (reply.statusCode >= 400) request.log.warn(fields, 'request refused');
    else request.log.info(fields, 'request completed');
  }
}

export const createLogger = (settings: Settings): Logger => pino(pinoOptions(settings));

export const requestLogController = () => new RequestLogController();

/** Nest's own logging goes to the same pino logger, with the request id of the request in hand. */
export const loggerModuleOptions = (settings: Settings): Params => ({
  useExisting: true,
  pinoHttp: pinoOptions(settings),
});

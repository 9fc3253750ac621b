import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import pretty from 'pino-pretty';
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
const requestLineOptions = (settings: Settings): LoggerOptions => ({
  level: settings.logLevel,
  serializers: {
    req: (request: FastifyRequest) => ({
      method: request.method,
      path: request.url.split('?')[0],
      ip: request.ip,
    }),
    res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
  },
});

/** Nest's logging may be handed any object, so known secret fields are censored there too. */
const pinoOptions = (settings: Settings): LoggerOptions => ({
  ...requestLineOptions(settings),
  redact: { paths: REDACTED, censor: '[redacted]' },
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

/** Short, coloured lines for a person at a terminal in development; JSON everywhere else. */
export const readsLogs = (settings: Pick<Settings, 'nodeEnv'>, out: { isTTY?: boolean }) =>
  settings.nodeEnv === 'development' && out.isTTY === true;

/**
 * Where logs go. For a machine (production, or output not a terminal): JSON written
 * asynchronously, so under load many lines leave in one write instead of one blocking write each;
 * pino flushes what is left when the process exits. For a person: one readable line each.
 */
export function logDestination(
  settings: Pick<Settings, 'nodeEnv'>,
  out: NodeJS.WriteStream = process.stdout,
): DestinationStream {
  if (!readsLogs(settings, out)) return pino.destination({ dest: 1, sync: false });
  return pretty({
    destination: out,
    sync: true,
    colorize: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId,req,res,responseTime,context',
    messageFormat: (log, messageKey) => {
      const request = log.req as { method?: string; path?: string } | undefined;
      const reply = log.res as { statusCode?: number } | undefined;
      const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
      const message = typeof log[messageKey] === 'string' ? log[messageKey] : '';
      if (!request) return `${context}${message}`;
      const took =
        typeof log.responseTime === 'number' ? ` ${Math.round(log.responseTime)} ms` : '';
      const line = `${request.method} ${request.path} ${reply?.statusCode ?? ''}${took}`;
      return message === 'request completed' ? line : `${line}: ${message}`;
    },
  });
}

/**
 * Fastify's logger writes the request lines, which hold only what the serializers take (no
 * headers, no query, no body), so it needs no redaction pass.
 */
export const createLogger = (settings: Settings): Logger =>
  pino(requestLineOptions(settings), logDestination(settings));

export const requestLogController = () => new RequestLogController();

/**
 * Nest's own logging (start-up, scheduled runs) goes to pino as JSON. It is not bound to the
 * request: that binding runs every request in an AsyncLocalStorage, which on Node 20 hooks every
 * promise and cost the public lookup a sixth of its throughput (bench/). Request lines come from
 * Fastify's logger with their reqId, and a failed request's log line names its requestId.
 */
export const loggerModuleOptions = (settings: Settings): Params => ({
  useExisting: true,
  forRoutes: [],
  pinoHttp: [pinoOptions(settings), logDestination(settings)],
});

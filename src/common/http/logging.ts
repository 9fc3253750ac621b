import type { Params } from 'nestjs-pino';
import type { Settings } from 'src/config/settings';

/** Structured JSON logs; credentials never reach them. */
export const loggerOptions = (settings: Settings): Params => ({
  pinoHttp: {
    level: settings.logLevel,
    // Fastify has already chosen the request id (see http-adapter.ts); reuse it.
    genReqId: (request) => (request as unknown as { id: string }).id,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.refreshToken',
        '*.accessToken',
      ],
      censor: '[redacted]',
    },
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (request) => request.url?.startsWith('/health') ?? false },
  },
});

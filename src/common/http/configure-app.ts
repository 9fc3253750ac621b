import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigService } from '@nestjs/config';
import { Logger } from 'nestjs-pino';
import type { RuntimeSettings } from 'src/config/settings';
import { RequestDeadline } from 'src/database/request-deadline';
import { Calendar } from 'src/common/calendar';
import { answerValidatorsWith } from 'src/common/validation/fields';
import { acceptsCsv, readText, streamsCsv } from 'src/common/http/csv-body';
import { registerMethodNotAllowed } from 'src/common/http/method-not-allowed';
import { registerPublicCache } from 'src/common/http/public-cache';
import { registerJsonBody } from 'src/common/http/json-body';
import { registerShutdownAnswer } from 'src/common/http/shutdown';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';
import { setUpApiDocs } from 'src/common/openapi/api-docs';

/**
 * Wiring that lives on the HTTP server rather than in modules; shared by main.ts and the tests.
 * `problems` is the whole catalogue (src/problems), which the API documents in its examples.
 */
export async function configureApp(
  app: NestFastifyApplication,
  problems: ProblemCatalogue,
): Promise<void> {
  app.useLogger(app.get(Logger));
  answerValidatorsWith(app.get(Calendar));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header('x-request-id', request.id);
      done();
    });
  registerShutdownAnswer(app.getHttpAdapter().getInstance());
  // Nest's body parsers first (it would add them at init), then JSON replaced by ours.
  app.getHttpAdapter().registerParserMiddleware();
  registerJsonBody(app.getHttpAdapter().getInstance());
  // Security headers on every answer. The API serves no HTML of its own but /docs and /verify;
  // /verify sets a strict CSP itself, and Swagger UI needs its inline scripts, so CSP is per route.
  await app.register(helmet, { contentSecurityPolicy: false });
  // After the request id and security headers, which a 405 carries like any answer.
  registerMethodNotAllowed(app.getHttpAdapter().getInstance());
  // Evidence uploads; each route sets its own file size limit (see common/http/upload.ts).
  await app.register(multipart);
  // CSV bodies only where a route says so: whole (@CsvBody()) or as a stream (@CsvStreamBody());
  // elsewhere text/csv stays a 415.
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('text/csv', (request, payload, done) => {
      if (streamsCsv(request)) return done(null, payload);
      if (!acceptsCsv(request)) {
        return done(
          Object.assign(new Error('This route does not take text/csv'), { statusCode: 415 }),
        );
      }
      readText(payload, request.routeOptions.bodyLimit ?? 1_048_576).then(
        (text) => done(null, text),
        (error: Error) => done(error),
      );
    });
  closeUnreadUploads(app.getHttpAdapter().getInstance());
  holdRequestsToDeadline(
    app.getHttpAdapter().getInstance(),
    app.get(ConfigService<RuntimeSettings, true>).get('databaseTimeouts', { infer: true })
      .requestMs,
  );
  registerPublicCache(app.getHttpAdapter().getInstance());
  setUpApiDocs(app, problems);
}

/**
 * A request's database waits all fall within one deadline, counted once its body has arrived
 * (database/request-deadline.ts). A route that reads its body as it arrives (a register or roster
 * streamed, a file uploaded) is long work: each of its waits is held to its own limit instead.
 */
function holdRequestsToDeadline(server: FastifyInstance, ms: number): void {
  server.addHook('preHandler', (request, _reply, done) => {
    if (streamsCsv(request) || request.isMultipart()) return done();
    RequestDeadline.run(ms, done);
  });
}

/**
 * A streamed CSV answered before its end (a file refused at its first bad line) closes its
 * connection: the rest of the upload is not read, and the socket would otherwise be held, paused,
 * with the client still sending.
 */
function closeUnreadUploads(server: FastifyInstance): void {
  server.addHook('onSend', (request, reply, payload, done) => {
    if (streamsCsv(request) && !request.raw.complete) reply.header('connection', 'close');
    done(null, payload);
  });
  server.addHook('onResponse', (request, _reply, done) => {
    if (streamsCsv(request) && !request.raw.complete) request.raw.socket?.destroy();
    done();
  });
}

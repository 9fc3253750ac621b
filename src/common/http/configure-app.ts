import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { acceptsCsv } from 'src/common/http/csv-body';
import { registerPublicCache } from 'src/common/http/public-cache';
import { setUpApiDocs } from 'src/common/openapi/api-docs';

/** Wiring that lives on the HTTP server rather than in modules; shared by main.ts and the tests. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  app.useLogger(app.get(Logger));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header('x-request-id', request.id);
      done();
    });
  // Security headers on every answer. The API serves no HTML of its own but /docs and /verify;
  // /verify sets a strict CSP itself, and Swagger UI needs its inline scripts, so CSP is per route.
  await app.register(helmet, { contentSecurityPolicy: false });
  // Evidence uploads; each route sets its own file size limit (see common/http/upload.ts).
  await app.register(multipart);
  // CSV bodies only where a route says so (@CsvBody()); elsewhere text/csv stays a 415.
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser('text/csv', { parseAs: 'string' }, (request, body, done) => {
      if (acceptsCsv(request)) done(null, body);
      else done(Object.assign(new Error('This route does not take text/csv'), { statusCode: 415 }));
    });
  registerPublicCache(app.getHttpAdapter().getInstance());
  setUpApiDocs(app);
}

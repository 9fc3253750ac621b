import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER } from 'src/common/http/api-key-header';
import { type ProblemCatalogue, problemTypeUri } from 'src/common/errors/problem-types';
import { ProblemResponse } from 'src/common/openapi/problem.schema';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/** An example problem of a status: the first problem type with that status. */
function problemExample(catalogue: ProblemCatalogue, status: number) {
  const [code, type] =
    Object.entries(catalogue).find(([, problem]) => problem.status === status) ?? [];
  return {
    type: code ? problemTypeUri(code) : 'about:blank',
    title: type?.title ?? 'Problem',
    status,
    detail: type?.title ?? 'Problem',
    instance: '/people',
    requestId: '8f14e45f-ceea-467f-a8f4-0e1b2c3d4e5f',
  };
}

/** The OpenAPI document; `problems` is the catalogue its error examples are taken from. */
export function buildApiDocument(
  app: NestFastifyApplication,
  problems: ProblemCatalogue,
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Guildhall')
    .setDescription(
      'The system of record of a professional association: education, credentials, membership, ' +
        'ethics, continuing development and renewal, and verification for third parties. ' +
        'Every error is application/problem+json (RFC 9457); its `type` is listed at /problems.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addApiKey({ type: 'apiKey', in: 'header', name: API_KEY_HEADER }, 'apiKey')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemResponse] });
  // Every error leaves as application/problem+json, whatever a decorator declared; each declared
  // status gets an example of its own status, and every operation may also fail otherwise.
  const problem = (status: number | null) => ({
    'application/problem+json': {
      schema: { $ref: '#/components/schemas/ProblemResponse' },
      ...(status !== null && { example: problemExample(problems, status) }),
    },
  });
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && response && 'description' in response) {
          response.content = problem(Number(status));
        }
      }
      operation.responses.default ??= {
        description: 'Problem details (RFC 9457)',
        content: problem(null),
      };
    }
  }
  return document;
}

/** Swagger UI at /docs, the OpenAPI document at /openapi.json. */
export function setUpApiDocs(app: NestFastifyApplication, problems: ProblemCatalogue): void {
  SwaggerModule.setup('docs', app, () => buildApiDocument(app, problems), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}

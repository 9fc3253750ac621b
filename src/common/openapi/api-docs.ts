import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_HEADER } from 'src/auth/strategies/api-key.strategy';
import { ProblemResponse } from 'src/common/openapi/problem.schema';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

export function buildApiDocument(app: NestFastifyApplication): OpenAPIObject {
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
  // Every operation may also fail with problem details (validation, rate limit, server error).
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.responses.default ??= {
        description: 'Problem details (RFC 9457)',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemResponse' } },
        },
      };
    }
  }
  return document;
}

/** Swagger UI at /docs, the OpenAPI document at /openapi.json. */
export function setUpApiDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, () => buildApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}

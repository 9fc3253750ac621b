import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';

export interface RecordedResponse {
  method: string;
  /** The route as Fastify registered it: `/credentials/:id`. */
  route: string;
  status: number;
  contentType: string;
  body: string;
}

type Responses = Record<string, { content?: Record<string, { schema?: object }> } | undefined>;

/**
 * Checks responses the tests received against the API's own description: the status is one the
 * operation declares (errors: any, as problem+json), the media type is declared, and a JSON body
 * matches its schema. Returns one line per mismatch.
 */
export function contractMismatches(
  document: OpenAPIObject,
  responses: RecordedResponse[],
): string[] {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ components: document.components }, 'openapi');
  const compiled = new Map<string, ValidateFunction>();
  // OpenAPI 3.0 references and `nullable` as JSON Schema understands them.
  const toJsonSchema = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(toJsonSchema);
    if (typeof schema !== 'object' || schema === null) return schema;
    const entries = Object.entries(schema).map(([key, value]) =>
      key === '$ref' ? [key, `openapi${String(value)}`] : [key, toJsonSchema(value)],
    );
    const copy = Object.fromEntries(entries) as Record<string, unknown>;
    if (copy.nullable === true) {
      delete copy.nullable;
      return { anyOf: [copy, { type: 'null' }] };
    }
    return copy;
  };
  for (const name of Object.keys(document.components?.schemas ?? {})) {
    document.components!.schemas![name] = toJsonSchema(
      document.components!.schemas![name],
    ) as never;
  }
  ajv.removeSchema('openapi');
  ajv.addSchema({ components: document.components }, 'openapi');

  const mismatches = new Set<string>();
  for (const response of responses) {
    const path = response.route.replace(/:(\w+)/g, '{$1}');
    const operation = document.paths[path]?.[response.method.toLowerCase() as 'get'];
    if (!operation) continue; // not a documented route (docs, 404s, 405s)
    const where = `${response.method} ${path} ${response.status}`;
    const declared = (operation.responses as Responses)[String(response.status)];
    const media = response.contentType.split(';')[0].trim();
    if (response.status >= 400) {
      // The public web pages answer people in HTML, a missing number too.
      const webPage = path.startsWith('/verify') || path.startsWith('/letters/verify');
      if (media !== 'application/problem+json' && !webPage) {
        mismatches.add(`${where}: sent ${media}, errors are application/problem+json`);
      }
      continue;
    }
    if (!declared) {
      mismatches.add(`${where}: status not declared`);
      continue;
    }
    if (!declared.content || response.status === 204 || response.status === 304) continue;
    const content = declared.content[media];
    if (!content) {
      mismatches.add(
        `${where}: sent ${media}, declared ${Object.keys(declared.content).join(', ')}`,
      );
      continue;
    }
    if (media !== 'application/json' || !content.schema) continue;
    const key = `${where} ${media}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(toJsonSchema(content.schema) as object);
      compiled.set(key, validate);
    }
    if (!validate(JSON.parse(response.body))) {
      const [error] = validate.errors ?? [];
      mismatches.add(`${where}: body ${error?.instancePath || '/'} ${error?.message ?? ''}`);
    }
  }
  return [...mismatches];
}

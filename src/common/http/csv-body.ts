import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

/** Marks a route that takes a text/csv body (it arrives as a string). */
export const CsvBody = () => RouteConfig({ csvBody: true });

export const acceptsCsv = (request: FastifyRequest) =>
  (request.routeOptions.config as { csvBody?: boolean } | undefined)?.csvBody === true;

/** Marks a route that reads a text/csv body as a stream (large files, read as they arrive). */
export const CsvStreamBody = () => RouteConfig({ csvStream: true });

export const streamsCsv = (request: FastifyRequest) =>
  (request.routeOptions.config as { csvStream?: boolean } | undefined)?.csvStream === true;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a body into a string, refusing one larger than `limit` bytes (413) or not UTF-8 (400). */
export async function readText(payload: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += chunk.length;
    if (size > limit) {
      throw Object.assign(new Error('The request body is too large'), { statusCode: 413 });
    }
    chunks.push(chunk);
  }
  try {
    return utf8.decode(Buffer.concat(chunks));
  } catch {
    throw Object.assign(new Error('The CSV is not UTF-8 text; save it as "CSV UTF-8"'), {
      statusCode: 400,
    });
  }
}

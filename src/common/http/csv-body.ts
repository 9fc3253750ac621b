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

/** Reads a body into a string, refusing (413) one larger than `limit` bytes. */
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
  return Buffer.concat(chunks).toString('utf8');
}

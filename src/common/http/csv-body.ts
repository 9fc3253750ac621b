import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

/** Marks a route that takes a text/csv body (it arrives as a string). */
export const CsvBody = () => RouteConfig({ csvBody: true });

export const acceptsCsv = (request: FastifyRequest) =>
  (request.routeOptions.config as { csvBody?: boolean } | undefined)?.csvBody === true;

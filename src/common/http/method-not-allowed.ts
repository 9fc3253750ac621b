import type { FastifyInstance } from 'fastify';
import { AppError } from 'src/common/errors/app-error';
import { sendProblem } from 'src/common/errors/problem-details.filter';

interface KnownPath {
  pattern: RegExp;
  methods: Set<string>;
}

/** '/public/credentials/:number' as a pattern matching '/public/credentials/SK-2026-000001'. */
const toPattern = (url: string) =>
  new RegExp(
    `^${url
      .split(/(:\w+|\*)/)
      .map((part) =>
        part === '*'
          ? '.*'
          : part.startsWith(':')
            ? '[^/]+'
            : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('')}/?$`,
  );

/**
 * A path the API knows, asked with a method it does not take, is answered 405 with an Allow
 * header (RFC 9110), not 404: the caller learns the address is right and the method wrong.
 * Routes are collected as they are registered, so this must be set up before the app starts.
 */
export function registerMethodNotAllowed(server: FastifyInstance): void {
  const known = new Map<string, KnownPath>();
  server.addHook('onRoute', (route) => {
    const path = known.get(route.url) ?? { pattern: toPattern(route.url), methods: new Set() };
    for (const method of [route.method].flat()) path.methods.add(method);
    known.set(route.url, path);
  });
  server.addHook('onRequest', (request, reply, done) => {
    if (!request.is404) return done();
    const path = request.url.split('?')[0];
    const allowed = new Set<string>();
    for (const { pattern, methods } of known.values()) {
      if (pattern.test(path)) methods.forEach((method) => allowed.add(method));
    }
    if (allowed.size === 0 || allowed.has(request.method)) return done();
    const allow = [...allowed].sort().join(', ');
    void reply.header('allow', allow);
    sendProblem(
      request,
      reply,
      new AppError('method-not-allowed', `${path} takes ${allow}, not ${request.method}`),
    );
  });
}

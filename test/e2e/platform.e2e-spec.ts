import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Controller, Get } from '@nestjs/common';
import type { OpenAPI } from 'openapi-types';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAsAdmin } from 'test/support/actors';
import { expectProblem } from 'test/support/factories';

/** A route someone forgot to give an auth policy: it must be closed, not open. */
@Controller('forgotten')
class ForgottenController {
  @Get()
  secret() {
    return { leaked: true };
  }
}

describe('platform: errors, request ids, health, API docs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ controllers: [ForgottenController] });
  });
  afterAll(() => t.close());

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await t.http().get('/no/such/route');
    expectProblem(response, 404, 'route-not-found');
    expect(response.body.instance).toBe('/no/such/route');
  });

  it('answers an address it cannot read with problem+json: bad percent-encoding 400, a segment over 100 characters 414', async () => {
    const badEscape = await t.http().get('/public/credentials/SK%E0%A4%A');
    expectProblem(badEscape, 400, 'malformed-request');
    expect(badEscape.body.requestId).toBe(badEscape.headers['x-request-id']);
    const tooLong = await t.http().get(`/public/credentials/${'9'.repeat(101)}`);
    expectProblem(tooLong, 414, 'uri-too-long');
  });

  it('answers a known path asked with another method with 405 and an Allow header', async () => {
    const deleted = await t.http().delete('/public/credentials/SK-2026-000001');
    expectProblem(deleted, 405, 'method-not-allowed');
    expect(deleted.headers.allow).toBe('GET, HEAD');
    expect(deleted.headers['x-content-type-options']).toBe('nosniff');
    expect(deleted.body.detail).toBe(
      '/public/credentials/SK-2026-000001 takes GET, HEAD, not DELETE',
    );
    const put = await t.http().put('/people');
    expectProblem(put, 405, 'method-not-allowed');
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    expectProblem(await t.http().delete('/no/such/path'), 404, 'route-not-found');
    expectProblem(await t.http().get('/people/x/y/z'), 404, 'route-not-found');
  });

  it('gives every response an X-Request-Id, echoing a safe one from the caller', async () => {
    const own = await t.http().get('/health/live').set('x-request-id', 'caller-id-123');
    expect(own.headers['x-request-id']).toBe('caller-id-123');
    const unsafe = await t
      .http()
      .get('/health/live')
      .set('x-request-id', 'bad id with spaces and <html>');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const error = await t.http().get('/nope');
    expect(error.headers['x-request-id']).toBe(error.body.requestId);
  });

  it('answers malformed JSON with 400 and an oversized body with 413, never 500', async () => {
    const admin = await loginAsAdmin(t);
    const malformed = await t
      .http()
      .post('/people')
      .set('authorization', admin.bearer)
      .set('content-type', 'application/json')
      .send('{"fullName": ');
    expectProblem(malformed, 400, 'malformed-request');
    const huge = await t
      .http()
      .post('/people')
      .set('authorization', admin.bearer)
      .send({ fullName: 'x'.repeat(2 * 1024 * 1024) });
    expectProblem(huge, 413, 'payload-too-large');
    const wrongType = await t
      .http()
      .post('/people')
      .set('authorization', admin.bearer)
      .set('content-type', 'text/csv')
      .send('a,b');
    expectProblem(wrongType, 415, 'unsupported-media-type');
  });

  it('leaks no stack traces or SQL in errors', async () => {
    const admin = await loginAsAdmin(t);
    const response = await t
      .http()
      .get('/people')
      .query({ chapterId: 'not-a-uuid' })
      .set('authorization', admin.bearer);
    expect(JSON.stringify(response.body)).not.toMatch(/SELECT|at \w+ \(|node_modules/);
  });

  it('closes a route that declares no auth policy (deny by default)', async () => {
    expectProblem(await t.http().get('/forgotten'), 401, 'unauthenticated');
    const admin = await loginAsAdmin(t);
    const response = await t.http().get('/forgotten').set('authorization', admin.bearer);
    expectProblem(response, 403, 'forbidden');
    expect(response.body).not.toHaveProperty('leaked');
  });

  it('sends security headers on every answer', async () => {
    const response = await t.http().get('/health/live').expect(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringContaining('max-age='),
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('reports liveness and readiness (database ping)', async () => {
    await t.http().get('/health/live').expect(200);
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('docs/first-start.md lists the seed a new user finds: every credential type, category and the code', async () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'docs', 'first-start.md'), 'utf8');
    const seeded = [
      ...(
        await t
          .http()
          .get('/credential-types')
          .set('authorization', (await loginAsAdmin(t)).bearer)
          .expect(200)
      ).body,
      ...(await t.http().get('/membership-categories').expect(200)).body,
      ...(
        await t
          .http()
          .get('/degrees')
          .set('authorization', (await loginAsAdmin(t)).bearer)
          .expect(200)
      ).body,
    ].map((item: { code: string }) => item.code);
    const code = (await t.http().get('/ethics/codes/current').expect(200)).body.version as string;
    for (const item of [...seeded, code]) expect(readme).toContain(`\`${item}\``);
    expect(readme).toContain('POST /chapters');
  });

  it('lists every problem type at /problems, each resolvable', async () => {
    const catalogue = await t.http().get('/problems').expect(200);
    expect(catalogue.body).toContainEqual({
      type: '/problems/validation-failed',
      status: 400,
      title: expect.any(String),
    });
    // Each module's own problems are in the one catalogue beside the shared ones.
    expect(catalogue.body).toContainEqual({
      type: '/problems/membership-status-refused',
      status: 409,
      title: 'The membership cannot take this status from the one it has',
    });
    expect(catalogue.body).toContainEqual(
      expect.objectContaining({ type: '/problems/overpayment', status: 422 }),
    );
    const types = catalogue.body.map(({ type }: { type: string }) => type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) await t.http().get(type).expect(200);
    expectProblem(await t.http().get('/problems/no-such-problem'), 404, 'not-found');
    expectProblem(await t.http().get('/problems/constructor'), 404, 'not-found');
  });

  describe('API docs', () => {
    it('serves Swagger UI at /docs', async () => {
      const response = await t.http().get('/docs').expect(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
    });

    it('serves a valid OpenAPI 3 document covering every route the server answers', async () => {
      const response = await t.http().get('/openapi.json').expect(200);
      const document = response.body as OpenAPI.Document & {
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
      };
      expect(document.openapi).toMatch(/^3\./);
      await SwaggerParser.validate(structuredClone(document) as OpenAPI.Document);

      const documented = new Set(
        Object.entries(document.paths).flatMap(([path, item]) =>
          Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
        ),
      );
      // Fastify adds HEAD for each GET; the docs routes describe themselves.
      const registered = t.routes.filter((route) => !/^HEAD |^GET \/(docs|openapi)/.test(route));
      expect(registered).toEqual(
        expect.arrayContaining(['POST /auth/login', 'GET /people/{id}', 'GET /health/ready']),
      );
      expect(registered.filter((route) => !documented.has(route))).toEqual([]);
    });

    it('documents the roles and the problem responses of each operation', async () => {
      const { body } = await t.http().get('/openapi.json').expect(200);
      const create = body.paths['/people'].post;
      expect(create['x-allowed']).toBe('admin, registrar');
      expect(create.responses['403']).toBeDefined();
      expect(create.responses.default.content['application/problem+json']).toBeDefined();
      expect(create.requestBody.content['application/json'].schema.$ref).toMatch(/CreatePersonDto/);
      // Errors are declared as they are sent: problem+json, with an example of their own status.
      for (const status of ['401', '403', '409']) {
        expect(Object.keys(create.responses[status].content)).toEqual(['application/problem+json']);
        expect(create.responses[status].content['application/problem+json'].example.status).toBe(
          Number(status),
        );
      }
      // A nullable text field is text, not an object.
      expect(body.components.schemas.PersonResponse.properties.email).toMatchObject({
        type: 'string',
        nullable: true,
      });
      // Nothing a client need not send is declared required.
      const pledge = body.paths['/ethics/pledges'].post;
      expect((pledge.parameters ?? []).filter((p: { in: string }) => p.in === 'header')).toEqual(
        [],
      );
    });
  });
});

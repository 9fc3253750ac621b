import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { WebhookEndpointsService } from 'src/watch-lists/webhook-endpoints.service';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, loginAsAdmin } from 'test/support/actors';
import {
  expectFieldErrors,
  expectProblem,
  issueCredential,
  newPerson,
} from 'test/support/factories';
import { until } from 'test/support/concurrency';
import { freePort } from 'test/support/process';

/** What a receiver got: each request's headers and body, in order. */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * An organisation registers an endpoint and is sent signed messages, as the Standard Webhooks
 * specification says: a receiver verifies them with any implementation of it (here the same
 * library's verifier, given only the secret), and a failed attempt is kept in the delivery log.
 */
describe('webhook endpoints and signed deliveries', () => {
  let t: TestApp;
  let key: string;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  let answer = 200;

  beforeAll(async () => {
    t = await createTestApp({ settings: { jobRunner: true } });
    const admin = await loginAsAdmin(t);
    key = (
      await t
        .http()
        .post('/api-keys')
        .set('authorization', admin.bearer)
        .send({ name: 'HR systems', organisation: 'RS Hasan Sadikin' })
        .expect(201)
    ).body.key as string;
    const port = await freePort();
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ path: request.url ?? '', headers: request.headers, body });
        response.writeHead(answer).end('x'.repeat(100_000));
      });
    });
    await new Promise<void>((done) => receiver.listen(port, '127.0.0.1', done));
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await new Promise((done) => receiver.close(done));
    await t.close();
  });

  const post = (path: string, body: object = {}) =>
    t.http().post(path).set('x-api-key', key).send(body);
  const get = (path: string) => t.http().get(path).set('x-api-key', key);
  /** Waits, a bounded while, until the receiver has had `count` requests. */
  const receivedAtLeast = (count: number) => until(() => received.length >= count);
  /** A delivery from the log, once attempted. */
  const deliveryOf = async (endpointId: string, deliveryId: string) => {
    let found: { id: string; attempts: number } | undefined;
    await until(async () => {
      const log = (await get(`/webhook-endpoints/${endpointId}/deliveries`).expect(200)).body as {
        id: string;
        attempts: number;
      }[];
      found = log.find((delivery) => delivery.id === deliveryId);
      return (found?.attempts ?? 0) > 0;
    });
    return found;
  };

  it('signs every delivery so a receiver verifies it with the secret alone, and logs the attempt', async () => {
    expectFieldErrors(await post('/webhook-endpoints', { url: 'http://example.org/hook' }), [
      {
        field: 'url',
        message: 'url must be an https address (plain http only to this machine)',
      },
    ]);
    const endpoint = await post('/webhook-endpoints', { url: `${base}/hook` }).expect(201);
    expect(endpoint.body.secret).toMatch(/^whsec_/);
    expect((await get('/webhook-endpoints').expect(200)).body).toEqual([
      expect.not.objectContaining({ secret: expect.anything() }),
    ]);

    const sent = await post(`/webhook-endpoints/${endpoint.body.id}/tests`).expect(202);
    await receivedAtLeast(1);
    const [delivered] = received;
    expect(delivered.headers['webhook-id']).toBe(sent.body.deliveryId);
    const payload = new Webhook(endpoint.body.secret).verify(
      delivered.body,
      delivered.headers as Record<string, string>,
    );
    expect(payload).toMatchObject({
      type: 'webhook.test',
      data: { endpointId: endpoint.body.id, organisation: 'RS Hasan Sadikin' },
    });
    // Tampered with, it does not verify.
    expect(() =>
      new Webhook(endpoint.body.secret).verify(
        delivered.body.replace('webhook.test', 'webhook.fake'),
        delivered.headers as Record<string, string>,
      ),
    ).toThrow();
    expect(await deliveryOf(endpoint.body.id, sent.body.deliveryId)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });

    // After a rotation, both secrets sign for a day: a receiver with either one verifies.
    const rotated = await post(`/webhook-endpoints/${endpoint.body.id}/secret-rotations`).expect(
      201,
    );
    expect(rotated.body.secret).not.toBe(endpoint.body.secret);
    const again = await post(`/webhook-endpoints/${endpoint.body.id}/tests`).expect(202);
    await receivedAtLeast(2);
    const second = received[1];
    expect(second.headers['webhook-id']).toBe(again.body.deliveryId);
    for (const secret of [endpoint.body.secret, rotated.body.secret]) {
      expect(
        new Webhook(secret as string).verify(second.body, second.headers as Record<string, string>),
      ).toMatchObject({ type: 'webhook.test' });
    }
  });

  it("delivers each change of a watched credential to each of the watching organisation's endpoints, once", async () => {
    const registrar = await loginAs(t, 'registrar');
    const endpoint = await post('/webhook-endpoints', { url: `${base}/changes` }).expect(201);
    const list = await post('/watch-lists', {
      name: 'Medical staff',
      purpose: 'Credentialing of the doctors we employ',
    }).expect(201);
    const certificate = await issueCredential(t, registrar, (await newPerson(t, registrar)).id);
    await post(`/watch-lists/${list.body.id}/entries`, { number: certificate.number }).expect(201);
    const before = received.length;
    for (const to of ['suspend', 'reinstate']) {
      await t
        .http()
        .post(`/credentials/${certificate.id}/${to}`)
        .set('authorization', registrar.bearer)
        .send({ reason: `${to} by the registrar` })
        .expect(200);
    }
    const dispatcher = t.app.get(WebhookEndpointsService);
    // Dispatched once every transaction begun before the changes has ended (other suites write
    // beside this one); a second dispatch finds nothing new.
    // Two changes, to each of the organisation's two endpoints.
    let made = 0;
    await until(async () => (made += await dispatcher.dispatch()) >= 4);
    expect(made).toBe(4);
    expect(await dispatcher.dispatch()).toBe(0);
    await receivedAtLeast(before + 4);
    const told = received
      .slice(before)
      .filter((message) => message.path === '/changes')
      .map((message) =>
        new Webhook(endpoint.body.secret as string).verify(
          message.body,
          message.headers as Record<string, string>,
        ),
      );
    // Delivered at once by several workers, they may arrive in either order: each says when.
    expect(told).toHaveLength(2);
    expect(told).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'credential.suspended',
          data: { number: certificate.number, event: 'suspended' },
        }),
        expect.objectContaining({
          type: 'credential.reinstated',
          data: { number: certificate.number, event: 'reinstated' },
        }),
      ]),
    );
  });

  it('keeps a failed attempt in the log, to be tried again with the same webhook-id', async () => {
    const endpoint = await post('/webhook-endpoints', { url: `${base}/failing` }).expect(201);
    answer = 503;
    try {
      const before = received.length;
      const sent = await post(`/webhook-endpoints/${endpoint.body.id}/tests`).expect(202);
      await receivedAtLeast(before + 1);
      expect(await deliveryOf(endpoint.body.id, sent.body.deliveryId)).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastStatusCode: 503,
        lastError: 'answered 503',
      });
    } finally {
      answer = 200;
    }
    // Another organisation's endpoint is as missing as none.
    expectProblem(
      await post('/webhook-endpoints/00000000-0000-4000-8000-000000000000/tests'),
      404,
      'not-found',
    );
  });
});

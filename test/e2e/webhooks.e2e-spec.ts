import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAsAdmin } from 'test/support/actors';
import { expectFieldErrors, expectProblem } from 'test/support/factories';
import { until } from 'test/support/concurrency';
import { freePort } from 'test/support/process';

/** What a receiver got: each request's headers and body, in order. */
interface Received {
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
        received.push({ headers: request.headers, body });
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

import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { Client } from 'pg';
import { createTestApp, type TestApp } from 'test/support/app';
import { loginAs, type SignedIn } from 'test/support/actors';

/** Raw HTTP/1.1 on one connection, so a second request can follow the first on it. */
function openConnection(port: number) {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return {
    send: (request: string) => socket.write(request),
    received: () => received,
    closed,
  };
}

describe('shutdown', () => {
  let t: TestApp;
  let registrar: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    registrar = await loginAs(t, 'registrar');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('finishes a request in flight, and answers one arriving meanwhile with 503 problem+json', async () => {
    const port = (t.app.getHttpServer().address() as { port: number }).port;
    // The first request waits on a locked table, so it is in flight when shutdown begins.
    const locker = new Client({ connectionString: t.settings.databaseUrl });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE chapters IN ACCESS EXCLUSIVE MODE');
    const connection = openConnection(port);
    connection.send(
      `GET /chapters HTTP/1.1\r\nHost: guildhall\r\nAuthorization: ${registrar.bearer}\r\n\r\n`,
    );
    for (let waiting = 0; waiting < 1;) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { rows } = await locker.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      waiting = rows[0].n;
    }
    const closed = t.closeApp();
    while (t.app.getHttpServer().listening) await new Promise((resolve) => setImmediate(resolve));
    connection.send('GET /health/live HTTP/1.1\r\nHost: guildhall\r\n\r\n');
    // Read and answered while the first still waits (the answers leave in order).
    await new Promise((resolve) => setTimeout(resolve, 200));
    await locker.query('ROLLBACK');
    await locker.end();
    await connection.closed;
    await closed;

    const [first, second] = connection
      .received()
      .split(/(?=HTTP\/1\.1 )/)
      .map((response) => response.split('\r\n\r\n'));
    expect(first[0]).toMatch(/^HTTP\/1\.1 200/);
    expect(second[0]).toMatch(/^HTTP\/1\.1 503/);
    expect(second[0]).toMatch(/content-type: application\/problem\+json/i);
    expect(second[0]).toMatch(/retry-after: 5/i);
    expect(JSON.parse(second[1])).toMatchObject({
      type: '/problems/service-unavailable',
      detail: 'Guildhall is shutting down; retry in a moment',
    });
  });

  it('answers every request under keep-alive load at shutdown, 503 with Retry-After, none reset', async () => {
    const load = await createTestApp();
    await load.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (load.app.getHttpServer().address() as { port: number }).port;
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const outcomes: string[] = [];
    const ask = () =>
      new Promise<string>((resolve) => {
        const request = httpRequest(
          { host: '127.0.0.1', port, path: '/health/live', agent },
          (response) => {
            response.resume();
            response.on('end', () =>
              resolve(`${response.statusCode} ${response.headers['retry-after'] ?? ''}`.trim()),
            );
          },
        );
        request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
        request.end();
      });
    let stopping = false;
    // Sixteen callers, each asking again on its kept-alive connection as soon as it is answered.
    const callers = Array.from({ length: 16 }, async () => {
      for (;;) {
        const outcome = await ask();
        outcomes.push(outcome);
        if (stopping && outcome !== '200') return;
      }
    });
    while (outcomes.length < 200) await new Promise((resolve) => setImmediate(resolve));
    stopping = true;
    await load.close();
    await Promise.all(callers);
    agent.destroy();
    expect(
      outcomes.filter((outcome) => /ECONNRESET|EPIPE|socket hang up|error/.test(outcome)),
    ).toEqual([]);
    expect(outcomes).toContain('503 5');
  });
});

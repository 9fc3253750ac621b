import { createServer, type Server, type Socket } from 'node:net';
import { Transactions } from 'src/database/transactions';
import { MailPort } from 'src/mail/mail.port';
import { createTestApp, type TestApp } from 'test/support/app';
import { freePort } from 'test/support/process';

/**
 * Mail against an SMTP server that accepts the connection and then says nothing: each message is
 * given up on in bounded time and tried again later, several go at once so none holds the others,
 * and the outbox shows each one's attempts and last error.
 */
describe('mail to a silent SMTP server', () => {
  let t: TestApp;
  let mute: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    mute = createServer((socket) => {
      // Accepted, and never a greeting.
      sockets.push(socket);
      socket.on('error', () => undefined);
    });
    const port = await freePort();
    await new Promise<void>((resolve) => mute.listen(port, '127.0.0.1', resolve));
    t = await createTestApp({
      settings: { smtpUrl: `smtp://127.0.0.1:${port}`, smtpTimeoutMs: 2_000, jobRunner: true },
    });
  });
  afterAll(async () => {
    await t.close();
    sockets.forEach((socket) => socket.destroy());
    await new Promise<void>((resolve) => mute.close(() => resolve()));
  });

  it('gives each message up in bounded time, several at once, and keeps its attempt and error', async () => {
    const ids = await t.app.get(Transactions).run((manager) =>
      t.app.get(MailPort).sendIn(
        manager,
        Array.from({ length: 4 }, (_, i) => ({
          to: `anggota${i}@example.org`,
          subject: `Pengingat ${i}`,
          body: 'Iuran Anda jatuh tempo.',
        })),
      ),
    );
    const started = Date.now();
    const attempted = async () =>
      t.db.query<{ attempts: number; status: string; last_error: string | null }[]>(
        `SELECT attempts, status, last_error FROM outbox_messages WHERE id = ANY($1)`,
        [ids],
      );
    // Four messages, two seconds' silence each: sent one after another they would take eight.
    while ((await attempted()).some((row) => row.attempts === 0) && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(Date.now() - started).toBeLessThan(6_000);
    for (const row of await attempted()) {
      expect(row).toMatchObject({
        attempts: 1,
        status: 'queued',
        last_error: expect.stringMatching(/greeting|timeout/i),
      });
    }
  });
});

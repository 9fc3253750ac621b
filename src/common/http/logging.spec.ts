import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import pino from 'pino';
import { logDestination, readsLogs } from 'src/common/http/logging';

/** A terminal, or a pipe, that keeps what is written to it. */
function output(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY }) as unknown as NodeJS.WriteStream;
  let written = '';
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (written += chunk.toString()));
  return { stream, written: () => written };
}

describe('logs', () => {
  it('are for a person only at a terminal in development', () => {
    expect(readsLogs({ nodeEnv: 'development' }, { isTTY: true })).toBe(true);
    expect(readsLogs({ nodeEnv: 'development' }, { isTTY: false })).toBe(false);
    expect(readsLogs({ nodeEnv: 'development' }, {})).toBe(false);
    expect(readsLogs({ nodeEnv: 'production' }, { isTTY: true })).toBe(false);
    expect(readsLogs({ nodeEnv: 'test' }, { isTTY: true })).toBe(false);
  });

  it('read as one short line a request, with its method, path, status and time', async () => {
    const terminal = output(true);
    const logger = pino({}, logDestination({ nodeEnv: 'development' }, terminal.stream));
    logger.info(
      {
        reqId: 'r-1',
        req: { method: 'GET', path: '/people' },
        res: { statusCode: 200 },
        responseTime: 12.4,
      },
      'request completed',
    );
    logger.warn(
      { req: { method: 'POST', path: '/auth/login' }, res: { statusCode: 401 }, responseTime: 3 },
      'request refused',
    );
    logger.info({ context: 'SeedPacks' }, 'loaded idi');
    await new Promise((resolve) => setImmediate(resolve));
    const lines = stripVTControlCharacters(terminal.written()).trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/people 200 12 ms$/);
    expect(lines[1]).toMatch(/WARN: POST \/auth\/login 401 3 ms: request refused$/);
    expect(lines[2]).toMatch(/INFO: \[SeedPacks\] loaded idi$/);
  });
});

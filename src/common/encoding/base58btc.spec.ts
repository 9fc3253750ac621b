import { randomBytes } from 'node:crypto';
import { base58btcDecode, base58btcEncode } from 'src/common/encoding/base58btc';

describe('base58btc', () => {
  it('matches the reference vectors', () => {
    expect(base58btcEncode(Buffer.from('hello world'))).toBe('StV1DL6CwTryKyV');
    expect(base58btcEncode(Buffer.from([0, 0, 1]))).toBe('112');
    expect(base58btcEncode(new Uint8Array())).toBe('');
  });

  it('round-trips any bytes, leading zeros included', () => {
    for (const bytes of [
      randomBytes(34),
      Buffer.concat([Buffer.alloc(3), randomBytes(16)]),
      Buffer.alloc(2),
    ]) {
      expect(Buffer.from(base58btcDecode(base58btcEncode(bytes)))).toEqual(bytes);
    }
  });
});

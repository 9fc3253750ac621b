import { gunzipSync } from 'node:zlib';
import {
  encodeStatusList,
  listOf,
  STATUS_LIST_SIZE,
} from 'src/credentials/verifiable/status-lists';

const decode = (encoded: string) => gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));

describe('Bitstring Status List encoding', () => {
  it('is multibase base64url of a GZIP of 16 KiB, the first position being the leftmost bit', () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]);
    expect(encoded.startsWith('u')).toBe(true);
    const bits = decode(encoded);
    expect(bits).toHaveLength(STATUS_LIST_SIZE / 8);
    expect([bits[0], bits[1], bits[bits.length - 1]]).toEqual([
      0b1000_0000, 0b0100_0000, 0b0000_0001,
    ]);
    expect(bits.subarray(2, -1).every((byte) => byte === 0)).toBe(true);
  });

  it('maps an index to its list and position', () => {
    expect(listOf(0)).toEqual({ list: 1, position: 0 });
    expect(listOf(STATUS_LIST_SIZE + 5)).toEqual({ list: 2, position: 5 });
  });
});

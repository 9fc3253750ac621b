import { duesStatusAfter } from 'src/dues/dues-rules';

describe(duesStatusAfter.name, () => {
  it('is unpaid, part-paid or paid by the amount received', () => {
    expect(duesStatusAfter(100n, 0n)).toBe('unpaid');
    expect(duesStatusAfter(100n, 1n)).toBe('partially_paid');
    expect(duesStatusAfter(100n, 100n)).toBe('paid');
  });
});

import { formatNumber, isValidNumberFormat, numberScope } from 'src/common/numbering';

const TOKENS = ['CHAPTER', 'CATEGORY', 'YYYY'];

describe('number formats', () => {
  it.each(['{CHAPTER}-{YYYY}-{SEQ:6}', 'H-{SEQ:4}', '{CATEGORY}/{SEQ:12}'])(
    'accept %s',
    (format) => {
      expect(isValidNumberFormat(format, TOKENS)).toBe(true);
    },
  );

  it.each([
    '{CHAPTER}-{YYYY}',
    '{SEQ:2}{SEQ:2}',
    '{SEQ:13}',
    '{TYPE}-{SEQ:4}',
    'A_{SEQ:3}',
    '{YYYY:2}-{SEQ:3}',
  ])('refuse %s', (format) => {
    expect(isValidNumberFormat(format, TOKENS)).toBe(false);
  });

  it('share a counter between numbers with the same prefix', () => {
    const values = { CHAPTER: 'JKT', CATEGORY: 'ORDINARY', YYYY: 2026 };
    expect(numberScope('{CHAPTER}-{YYYY}-{SEQ:6}', values)).toBe('JKT-2026-{SEQ:6}');
    expect(formatNumber('{CHAPTER}-{YYYY}-{SEQ:6}', values, 42)).toBe('JKT-2026-000042');
  });
});

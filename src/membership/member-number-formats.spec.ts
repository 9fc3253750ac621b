import { formatNumber, isValidNumberFormat, numberScope } from 'src/common/numbering';
import { MEMBER_NUMBER_TOKENS } from 'src/membership/membership-rules';

describe('member number formats', () => {
  const values = { CHAPTER: 'JKT', CATEGORY: 'BIASA', YYYY: '2026', YY: '26', MM: '03' };

  it('take the chapter, the category, the year in four or two digits, and the month', () => {
    const format = '{CHAPTER}/{SEQ:4}/{MM}/{YY}';
    expect(isValidNumberFormat(format, MEMBER_NUMBER_TOKENS)).toBe(true);
    expect(formatNumber(format, values, 12)).toBe('JKT/0012/03/26');
    expect(numberScope(format, values)).toBe('JKT/{SEQ:4}/03/26');
  });

  it('refuse tokens they do not know', () => {
    expect(isValidNumberFormat('{PROFESSION}-{SEQ:4}', MEMBER_NUMBER_TOKENS)).toBe(false);
    expect(isValidNumberFormat('{DD}-{SEQ:4}', MEMBER_NUMBER_TOKENS)).toBe(false);
  });
});

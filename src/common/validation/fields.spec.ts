import { validateSync } from 'class-validator';
import { CalendarDate } from 'src/common/validation/fields';

class Sample {
  @CalendarDate({ notInFuture: true }) date: unknown;
}

const check = (date: unknown) => {
  const sample = new Sample();
  sample.date = date;
  return validateSync(sample).length === 0;
};

describe(CalendarDate.name, () => {
  it('accepts real calendar dates up to today', () => {
    expect([
      check('2015-08-29'),
      check('2024-02-29'),
      check(new Date().toISOString().slice(0, 10)),
    ]).toEqual([true, true, true]);
  });

  it.each([
    '2015-02-30',
    '1990-13-45',
    '2023-02-29',
    '15-08-29',
    '2015-08-29T00:00:00Z',
    '2999-01-01',
    '0000-01-01',
    20150829,
    null,
  ])('refuses %p', (value) => expect(check(value)).toBe(false));
});

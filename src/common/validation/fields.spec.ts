import { validateSync } from 'class-validator';
import type { Calendar } from 'src/common/calendar';
import { answerValidatorsWith, CalendarDate, DecimalNumber } from 'src/common/validation/fields';

const TODAY = '2026-12-07';
answerValidatorsWith({ today: () => TODAY } as Calendar);

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
    expect([check('2015-08-29'), check('2024-02-29'), check(TODAY)]).toEqual([true, true, true]);
  });

  it.each([
    '2015-02-30',
    '1990-13-45',
    '2023-02-29',
    '15-08-29',
    '2015-08-29T00:00:00Z',
    '2999-01-01',
    '2026-12-08',
    '0000-01-01',
    20150829,
    null,
  ])('refuses %p', (value) => expect(check(value)).toBe(false));
});

describe(DecimalNumber.name, () => {
  class Figure {
    @DecimalNumber(2) value: unknown;
  }
  const check = (value: unknown) => {
    const figure = new Figure();
    figure.value = value;
    return validateSync(figure).map((error) => Object.values(error.constraints ?? {}));
  };

  it('takes numbers of two decimals at most, in any notation', () => {
    expect([check(4), check(3.5), check(0.01), check(1e3), check(12.25)]).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
  });

  it.each([1e-7, 7.9e-216, 0.001, 1.005, Number.NaN, Number.POSITIVE_INFINITY, '4', null])(
    'refuses %p by name, without throwing',
    (value) => expect(check(value)).toEqual([['value must be a number with at most 2 decimals']]),
  );
});

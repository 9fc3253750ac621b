import { validateSync } from 'class-validator';
import type { Calendar } from 'src/common/calendar';
import { answerValidatorsWith, CalendarDate } from 'src/common/validation/fields';

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

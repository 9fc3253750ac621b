import { canCorrect, canReview } from 'src/education/qualification-status';

describe('qualification status rules', () => {
  it('reviews only what is submitted', () => {
    expect([canReview('submitted'), canReview('verified'), canReview('rejected')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('lets anything but a verified qualification be corrected', () => {
    expect([canCorrect('submitted'), canCorrect('rejected'), canCorrect('verified')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

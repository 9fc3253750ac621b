import { creditsForHours, volunteerMove } from 'src/volunteering/volunteering-rules';

describe('volunteering rules', () => {
  it('turns hours into credits at so many hours a credit, to the hundredth, rounding down', () => {
    expect(creditsForHours(7, 2)).toBe(3.5);
    expect(creditsForHours(0.29, 1)).toBe(0.29);
    expect(creditsForHours(1, 3)).toBe(0.33);
    expect(creditsForHours(0.01, 2)).toBe(0);
    expect(creditsForHours(24, 1.5)).toBe(16);
  });

  it('moves a volunteer applicant -> approved -> archived, and an applicant not taken to archived', () => {
    expect(volunteerMove('applicant', 'approved')).toBe('allowed');
    expect(volunteerMove('applicant', 'archived')).toBe('allowed');
    expect(volunteerMove('approved', 'archived')).toBe('allowed');
    expect(volunteerMove('approved', 'approved')).toBe('not-allowed');
    expect(volunteerMove('archived', 'approved')).toBe('not-allowed');
    expect(volunteerMove('archived', 'archived')).toBe('not-allowed');
  });
});

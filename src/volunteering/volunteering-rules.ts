/** Pure rules of volunteering: the states of programs, volunteers, sign-ups, hours and credits. */

export const PROGRAM_AUDIENCES = ['members', 'anyone'] as const;
export type ProgramAudience = (typeof PROGRAM_AUDIENCES)[number];
export const PROGRAM_STATUSES = ['open', 'closed'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export const VOLUNTEER_STATUSES = ['applicant', 'approved', 'archived'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];
export const VOLUNTEER_DECISIONS = ['approved', 'archived'] as const;
export type VolunteerDecision = (typeof VOLUNTEER_DECISIONS)[number];

/** applicant -> approved -> archived; an applicant not taken is archived too, with the reason. */
export function volunteerMove(
  from: VolunteerStatus,
  to: VolunteerDecision,
): 'allowed' | 'not-allowed' {
  if (from === 'applicant') return 'allowed';
  if (from === 'approved' && to === 'archived') return 'allowed';
  return 'not-allowed';
}

export const SIGNUP_STATUSES = ['confirmed', 'waiting', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

export const HOURS_STATUSES = ['pending', 'approved', 'declined'] as const;
export type HoursStatus = (typeof HOURS_STATUSES)[number];
export const HOURS_DECISIONS = ['approved', 'declined'] as const;
export type HoursDecision = (typeof HOURS_DECISIONS)[number];
export type HoursRecordedBy = 'volunteer' | 'coordinator';

export const PROPOSAL_STATUSES = ['proposed', 'accepted', 'declined', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_DECISIONS = ['accepted', 'declined'] as const;
export type ProposalDecision = (typeof PROPOSAL_DECISIONS)[number];

/** The credits hours earn under a rule of so many hours a credit, to the hundredth, down. */
export function creditsForHours(hours: number, hoursPerCredit: number): number {
  // In hundredths, as integers: 0.29 hours must not become 0.28 by floating point.
  const hundredthsOfHours = Math.round(hours * 100);
  const hundredthsPerCredit = Math.round(hoursPerCredit * 100);
  return Math.floor((hundredthsOfHours * 100) / hundredthsPerCredit) / 100;
}

export const ACCREDITATION_STATUSES = [
  'accredited',
  'provisional',
  'not_accredited',
  'unknown',
] as const;
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];

export const QUALIFICATION_STATUSES = ['submitted', 'verified', 'rejected'] as const;
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number];

export const REVIEW_DECISIONS = ['verified', 'rejected'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export { VERIFICATION_METHODS, type VerificationMethod } from 'src/common/verification-methods';

export const ACCREDITATION_STATUSES = [
  'accredited',
  'provisional',
  'not_accredited',
  'unknown',
] as const;
export type AccreditationStatus = (typeof ACCREDITATION_STATUSES)[number];

/** Levels of higher education, as requirements ask for them (Indonesia's KKNI levels 5 to 9). */
export const DEGREE_LEVELS = [
  'diploma',
  'bachelor',
  'professional',
  'master',
  'specialist',
  'doctorate',
] as const;
export type DegreeLevel = (typeof DEGREE_LEVELS)[number];

export const QUALIFICATION_STATUSES = ['submitted', 'verified', 'rejected'] as const;
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number];

export {
  REVIEW_DECISIONS,
  type ReviewDecision,
} from 'src/common/verification/primary-source-review.dto';

export {
  VERIFICATION_METHODS,
  type VerificationMethod,
} from 'src/common/verification/verification-methods';

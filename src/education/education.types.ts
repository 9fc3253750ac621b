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

/** How a registrar checked a diploma against its source. */
export const VERIFICATION_METHODS = [
  'issuer_confirmation',
  'registry_lookup',
  'document_inspection',
  'other',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

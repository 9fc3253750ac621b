/** How staff checked a document against its primary source (a diploma, an outside licence). */
export const VERIFICATION_METHODS = [
  'issuer_confirmation',
  'registry_lookup',
  'document_inspection',
  'other',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

import { problemsOf } from 'src/common/errors/app-error';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const EVIDENCE_PROBLEMS = {
  'storage-unavailable': {
    status: 503,
    title: 'Files cannot be stored now; nothing was changed, retry later',
    retryAfterSeconds: 30,
  },
  'document-missing': {
    status: 500,
    title: 'The stored file of this document is missing; it has been logged for staff',
  },
} as const satisfies ProblemCatalogue;

export class EvidenceError extends problemsOf(EVIDENCE_PROBLEMS) {}

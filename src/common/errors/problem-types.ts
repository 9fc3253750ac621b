/**
 * The closed set of problem types Guildhall answers with (RFC 9457). Each code is stable:
 * clients may switch on `type`. Adding a code without a row here does not compile.
 */
export type ProblemCode =
  | 'validation-failed'
  | 'malformed-request'
  | 'unauthenticated'
  | 'invalid-credentials'
  | 'token-expired'
  | 'invalid-refresh-token'
  | 'refresh-token-reused'
  | 'account-locked'
  | 'account-disabled'
  | 'forbidden'
  | 'not-found'
  | 'route-not-found'
  | 'method-not-allowed'
  | 'uri-too-long'
  | 'email-taken'
  | 'national-id-taken'
  | 'duplicate'
  | 'reference-conflict'
  | 'state-conflict'
  | 'concurrent-update'
  | 'last-admin'
  | 'pipeline-checks-failed'
  | 'idempotency-key-reused'
  | 'overpayment'
  | 'import-rejected'
  | 'unprocessable'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'service-unavailable'
  | 'database-busy'
  | 'database-unavailable'
  | 'storage-unavailable'
  | 'document-missing'
  | 'internal-error';

export interface ProblemType {
  status: number;
  title: string;
  /** Sent as Retry-After: when a retry may succeed. */
  retryAfterSeconds?: number;
}

export const PROBLEM_TYPES: Record<ProblemCode, ProblemType> = {
  'validation-failed': { status: 400, title: 'The request has invalid fields' },
  'malformed-request': { status: 400, title: 'The request could not be read' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  'invalid-credentials': { status: 401, title: 'Email or password is wrong' },
  'token-expired': { status: 401, title: 'The access token has expired' },
  'invalid-refresh-token': { status: 401, title: 'The refresh token is not valid' },
  'refresh-token-reused': { status: 401, title: 'A spent refresh token was presented again' },
  'account-locked': { status: 423, title: 'The account is locked' },
  'account-disabled': { status: 403, title: 'The account is disabled' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'route-not-found': { status: 404, title: 'No such route' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'uri-too-long': { status: 414, title: 'A part of the address is too long' },
  'email-taken': { status: 409, title: 'The email address is already in use' },
  'national-id-taken': { status: 409, title: 'The national ID number is already recorded' },
  duplicate: { status: 409, title: 'The record already exists' },
  'reference-conflict': { status: 409, title: 'A referenced record is missing or still in use' },
  'state-conflict': { status: 409, title: 'The change is not allowed in the current state' },
  'concurrent-update': { status: 409, title: 'The record was changed at the same time; retry' },
  'last-admin': { status: 409, title: 'The last active admin cannot be removed' },
  'pipeline-checks-failed': {
    status: 422,
    title: 'The membership requirements are not met; each unmet check is named',
  },
  'idempotency-key-reused': {
    status: 422,
    title: 'The Idempotency-Key was already used for a different request',
  },
  'import-rejected': {
    status: 422,
    title: 'The import was not committed: rows have errors, listed by row and column',
  },
  overpayment: { status: 422, title: 'The payment is more than the invoice still owes' },
  unprocessable: { status: 422, title: 'The values cannot be stored' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The content type is not supported' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'service-unavailable': { status: 503, title: 'The service is not ready', retryAfterSeconds: 5 },
  'database-busy': {
    status: 503,
    title: 'The database did not answer in time; nothing was changed, retry shortly',
    retryAfterSeconds: 2,
  },
  'database-unavailable': {
    status: 503,
    title: 'The database cannot be reached; nothing was changed, retry shortly',
    retryAfterSeconds: 5,
  },
  'storage-unavailable': {
    status: 503,
    title: 'Files cannot be stored now; nothing was changed, retry later',
    retryAfterSeconds: 30,
  },
  'document-missing': {
    status: 500,
    title: 'The stored file of this document is missing; it has been logged for staff',
  },
  'internal-error': { status: 500, title: 'Something went wrong on our side' },
};

/** Problem `type` URIs resolve to the catalogue served at /problems. */
export const problemTypeUri = (code: ProblemCode) => `/problems/${code}`;

export interface ProblemType {
  status: number;
  title: string;
  /** Sent as Retry-After: when a retry may succeed. */
  retryAfterSeconds?: number;
}

/** Problem types by code. Each code is stable: clients may switch on `type`. */
export type ProblemCatalogue = Readonly<Record<string, ProblemType>>;

/**
 * The problems of no one module (RFC 9457): bad input, access, missing records and routes, a
 * database or service that cannot answer now. Each module declares its own in `<module>.errors.ts`;
 * src/problems joins them all into the one catalogue served at /problems.
 */
export const COMMON_PROBLEMS = {
  'validation-failed': { status: 400, title: 'The request has invalid fields' },
  'malformed-request': { status: 400, title: 'The request could not be read' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  'token-expired': { status: 401, title: 'The access token has expired' },
  forbidden: { status: 403, title: 'Not allowed' },
  'not-found': { status: 404, title: 'Not found' },
  'route-not-found': { status: 404, title: 'No such route' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'uri-too-long': { status: 414, title: 'A part of the address is too long' },
  duplicate: { status: 409, title: 'The record already exists' },
  'reference-conflict': { status: 409, title: 'A referenced record is missing or still in use' },
  'concurrent-update': { status: 409, title: 'The record was changed at the same time; retry' },
  'idempotency-key-reused': {
    status: 422,
    title: 'The Idempotency-Key was already used for a different request',
  },
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
  'internal-error': { status: 500, title: 'Something went wrong on our side' },
} as const satisfies ProblemCatalogue;

export type CommonProblemCode = keyof typeof COMMON_PROBLEMS;

/** Problem `type` URIs resolve to the catalogue served at /problems. */
export const problemTypeUri = (code: string) => `/problems/${code}`;

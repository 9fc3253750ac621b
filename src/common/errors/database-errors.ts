import { QueryFailedError } from 'typeorm';
import { AppError, type ProblemError } from 'src/common/errors/app-error';

/**
 * The problem a violated constraint means, by constraint name. Each module declares those of its
 * own tables in its `<module>.errors.ts`; src/problems joins them.
 */
export type ConstraintProblems = Readonly<Record<string, () => ProblemError>>;

/** A unique value already taken: a 409 `duplicate` naming the fields that hold it. */
export const taken =
  (detail: string, ...fields: string[]) =>
  (): ProblemError =>
    new AppError('duplicate', detail, {
      errors: fields.map((field) => ({ field, message: `${field} is already taken` })),
    });

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
}

/** Postgres answered, but a wait ran past its limit: statement_timeout, lock_timeout, transaction_timeout. */
const TIMED_OUT = new Set(['57014', '55P03', '25P04']);

/** Postgres is shutting down, restarting or gone (class 08: the connection failed). */
const UNAVAILABLE = /^(08...|57P0[1-3])$/;

/** Messages of node-postgres and the socket when no connection can be had or it broke. */
const CONNECTION_LOST =
  /^(Connection terminated|Client has encountered a connection error|Client was closed|connect ECONNREFUSED|connect ENOENT|read ECONNRESET|write EPIPE|Cannot use a pool after calling end)/;
const POOL_WAIT_EXCEEDED = /^timeout exceeded when trying to connect/;

/**
 * A database that cannot answer now: a 503 with Retry-After, never a 500. A failed request has
 * changed nothing (its transaction did not commit), so a retry is safe.
 */
export function fromDatabaseUnavailable(error: unknown): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause = error instanceof QueryFailedError ? (error.driverError as Error) : error;
  const code = (cause as PgError).code ?? '';
  if (TIMED_OUT.has(code) || POOL_WAIT_EXCEEDED.test(cause.message)) {
    return new AppError('database-busy', 'The database did not answer in time; retry shortly');
  }
  if (UNAVAILABLE.test(code) || CONNECTION_LOST.test(cause.message)) {
    return new AppError('database-unavailable', 'The database cannot be reached; retry shortly');
  }
  return undefined;
}

/** Maps a Postgres error to a client error; anything unexpected stays a 500. */
export function fromDatabaseError(
  error: unknown,
  constraints: ConstraintProblems = {},
): ProblemError | undefined {
  const unavailable = fromDatabaseUnavailable(error);
  if (unavailable) return unavailable;
  if (!(error instanceof QueryFailedError)) return undefined;
  const pg = error.driverError as PgError;
  const known = pg.constraint && Object.hasOwn(constraints, pg.constraint);
  if (known && (pg.code === '23505' || pg.code === '23503')) return constraints[pg.constraint!]();
  switch (pg.code) {
    case '23505':
      return new AppError('duplicate', 'A record with the same unique values already exists');
    case '23503':
      return new AppError(
        'reference-conflict',
        'A referenced record does not exist or is still in use',
      );
    case '23514':
    case '23502':
      return new AppError('unprocessable', 'A value breaks a rule of the data model');
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
      return new AppError('unprocessable', 'A value has the wrong form or is out of range');
    case '40001':
    case '40P01':
      return new AppError('concurrent-update', 'The record was changed at the same time; retry');
    default:
      return undefined;
  }
}

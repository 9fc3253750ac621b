import { QueryFailedError } from 'typeorm';
import { AppError } from 'src/common/errors/app-error';
import type { ProblemCode } from 'src/common/errors/problem-types';

/** Unique constraints whose violation has a problem type of its own. */
const UNIQUE_CONSTRAINTS: Record<string, { code: ProblemCode; detail: string }> = {
  uq_accounts_email: { code: 'email-taken', detail: 'An account with this email already exists' },
  uq_institutions_name_country: {
    code: 'duplicate',
    detail: 'An institution with this name is already recorded for this country',
  },
  uq_qualifications_institution_diploma: {
    code: 'duplicate',
    detail: 'This diploma number of this institution is already recorded',
  },
  uq_credentials_number: {
    code: 'duplicate',
    detail: 'A credential with this number is already recorded',
  },
  uq_credential_types_code: {
    code: 'duplicate',
    detail: 'A credential type with this code already exists',
  },
  uq_ethics_code_versions_version: {
    code: 'duplicate',
    detail: 'A version of the code with this name already exists',
  },
  uq_ethics_code_versions_effective_from: {
    code: 'duplicate',
    detail: 'A version of the code already takes effect on this date',
  },
  uq_ethics_pledges_person_version: {
    code: 'duplicate',
    detail: 'This person has already pledged to this version of the code',
  },
  uq_persons_national_id: {
    code: 'national-id-taken',
    detail: 'A person with this national ID number is already recorded',
  },
};

/** Foreign keys whose violation deserves a precise sentence. */
const FOREIGN_KEYS: Record<string, string> = {
  fk_persons_chapter_id: 'The chapter does not exist',
  fk_chapters_parent_id: 'The parent chapter does not exist',
  fk_accounts_person_id: 'The person does not exist',
  fk_qualifications_person_id: 'The person does not exist',
  fk_qualifications_institution_id: 'The institution does not exist',
  fk_credentials_person_id: 'The person does not exist',
  fk_credentials_credential_type_id: 'The credential type does not exist',
  fk_ethics_pledges_person_id: 'The person does not exist',
};

interface PgError {
  code?: string;
  constraint?: string;
  column?: string;
}

/** Postgres answered, but a wait ran past its limit: statement_timeout, lock_timeout. */
const TIMED_OUT = new Set(['57014', '55P03']);

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
export function fromDatabaseError(error: unknown): AppError | undefined {
  const unavailable = fromDatabaseUnavailable(error);
  if (unavailable) return unavailable;
  if (!(error instanceof QueryFailedError)) return undefined;
  const pg = error.driverError as PgError;
  switch (pg.code) {
    case '23505': {
      const known = pg.constraint ? UNIQUE_CONSTRAINTS[pg.constraint] : undefined;
      return known
        ? new AppError(known.code, known.detail)
        : new AppError('duplicate', 'A record with the same unique values already exists');
    }
    case '23503':
      return new AppError(
        'reference-conflict',
        (pg.constraint && FOREIGN_KEYS[pg.constraint]) ??
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

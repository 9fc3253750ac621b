import {
  COMMON_PROBLEMS,
  type ProblemCatalogue,
  type ProblemType,
} from 'src/common/errors/problem-types';

export interface FieldError {
  /** Path of the field in the request, e.g. `address.city` or `roles[1]`. */
  field: string;
  message: string;
}

export type ProblemExtras = { errors?: FieldError[]; [key: string]: unknown };

/**
 * A domain error with its problem type: services throw these; ProblemDetailsFilter turns them
 * into problem+json. Thrown through a module's own class (see `problemsOf`), never directly.
 */
export class ProblemError extends Error {
  constructor(
    readonly code: string,
    readonly problem: ProblemType,
    readonly detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

/**
 * The error class of one module's catalogue: its constructor takes only the catalogue's codes,
 * so a code that has no status and title does not compile.
 */
export function problemsOf<const C extends ProblemCatalogue>(catalogue: C) {
  return class extends ProblemError {
    static readonly catalogue: C = catalogue;
    constructor(code: keyof C & string, detail: string, extras: ProblemExtras = {}) {
      super(code, catalogue[code], detail, extras);
    }
  };
}

/** The problems every module shares: bad input, access, missing records, a database that waits. */
export class AppError extends problemsOf(COMMON_PROBLEMS) {}

export const notFound = (what: string, id: string) =>
  new AppError('not-found', `${what} ${id} does not exist`);

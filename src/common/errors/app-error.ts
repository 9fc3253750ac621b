import type { ProblemCode } from 'src/common/errors/problem-types';

export interface FieldError {
  /** Path of the field in the request, e.g. `address.city` or `roles[1]`. */
  field: string;
  message: string;
}

/** A domain error: services throw these; ProblemDetailsFilter turns them into problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extras: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string) =>
  new AppError('not-found', `${what} ${id} does not exist`);

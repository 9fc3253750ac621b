import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppError, ProblemError } from 'src/common/errors/app-error';
import { type ConstraintProblems, fromDatabaseError } from 'src/common/errors/database-errors';
import {
  COMMON_PROBLEMS,
  type CommonProblemCode,
  problemTypeUri,
} from 'src/common/errors/problem-types';

const HTTP_STATUS_CODES: Record<number, CommonProblemCode> = {
  400: 'malformed-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'route-not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  503: 'service-unavailable',
};

function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(exception: unknown): string | undefined {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const message =
      typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return typeof message === 'string' ? message : undefined;
  }
  return exception instanceof Error ? exception.message : undefined;
}

/** Every failure, from any layer, leaves as application/problem+json with a stable `type`. */
export function toAppError(exception: unknown, constraints: ConstraintProblems = {}): ProblemError {
  if (exception instanceof ProblemError) return exception;
  if (exception instanceof ThrottlerException) {
    return new AppError('rate-limited', 'Too many requests from this client; wait and retry');
  }
  const fromDatabase = fromDatabaseError(exception, constraints);
  if (fromDatabase) return fromDatabase;
  const status = statusOf(exception);
  const code = status !== undefined ? HTTP_STATUS_CODES[status] : undefined;
  if (code) {
    // Framework messages (e.g. "Cannot GET /x", JSON parse errors) are safe and helpful.
    return new AppError(code, messageOf(exception) ?? COMMON_PROBLEMS[code].title);
  }
  return new AppError('internal-error', 'An unexpected error occurred; it has been logged');
}

/** Writes a problem as RFC 9457 JSON; also used for errors Fastify raises before routing. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: ProblemError,
): void {
  const { status, title, retryAfterSeconds } = error.problem;
  if (retryAfterSeconds !== undefined && !reply.hasHeader('retry-after'))
    void reply.header('retry-after', String(retryAfterSeconds));
  const { errors, ...extras } = error.extras;
  // Extension members first, so none can overwrite a standard one.
  const body = {
    ...extras,
    type: problemTypeUri(error.code),
    title,
    status,
    detail: error.detail,
    instance: request.url.split('?')[0],
    requestId: request.id,
    ...(errors ? { errors } : {}),
  };
  void reply
    .status(status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .send(JSON.stringify(body));
}

/**
 * A database error as the log may keep it: its code, constraint and the statement, never its
 * parameters or PostgreSQL's message and detail, which quote the values (national IDs, names).
 */
export function loggable(exception: unknown): unknown {
  if (!(exception instanceof QueryFailedError)) return exception;
  const pg = exception.driverError as Record<string, unknown>;
  return {
    type: 'QueryFailedError',
    code: pg.code,
    constraint: pg.constraint,
    table: pg.table,
    column: pg.column,
    routine: pg.routine,
    statement: String(exception.query).replace(/\s+/g, ' ').slice(0, 300),
  };
}

/** Catches everything; the constraints of every module's tables come from src/problems. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(private readonly constraints: ConstraintProblems) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const error = toAppError(exception, this.constraints);
    if (error.problem.status >= 500)
      this.logger.error({ err: loggable(exception), requestId: request.id }, 'request failed');
    sendProblem(request, http.getResponse<FastifyReply>(), error);
  }
}

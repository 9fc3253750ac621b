import {
  type ArgumentMetadata,
  ParseUUIDPipe,
  createParamDecorator,
  type ExecutionContext,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from 'src/common/errors/app-error';
import { UnreadableBody } from 'src/common/http/json-body';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const isIndex = /^\d+$/.test(error.property);
    const field = isIndex
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message:
        message === `property ${error.property} should not exist`
          ? 'is not a known field'
          : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationFailed(errors: ValidationError[]): AppError {
  const fieldErrors = flatten(errors);
  const fields = [...new Set(fieldErrors.map((e) => e.field))].join(', ');
  return new AppError('validation-failed', `Check these fields: ${fields}`, {
    errors: fieldErrors,
  });
}

/** Parsed JSON and query strings; not files or streams (uploads, streamed CSV). */
const isParsedObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Buffer.isBuffer(value) &&
  typeof (value as { pipe?: unknown }).pipe !== 'function';

/** The fields (paths into the value) whose text holds a NUL character. */
function fieldsWithNul(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes('\0') ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => fieldsWithNul(item, `${path}[${i}]`));
  if (!isParsedObject(value)) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    fieldsWithNul(item, path ? `${path}.${key}` : key),
  );
}

/**
 * A query parameter sent twice (`?number=a&number=b`) arrives as a list; no Guildhall query takes
 * a list, so it is refused by name instead of reaching code that expects one value.
 */
function refuseRepeatedParameters(value: unknown, name: string | undefined): void {
  const repeated = name
    ? Array.isArray(value)
      ? [name]
      : []
    : isParsedObject(value)
      ? Object.keys(value).filter((key) => Array.isArray(value[key]))
      : [];
  if (!repeated.length) return;
  throw new AppError('validation-failed', `Check these fields: ${repeated.join(', ')}`, {
    errors: repeated.map((field) => ({ field, message: `${field} must be given once` })),
  });
}

/**
 * PostgreSQL text cannot hold U+0000, so a string with one would fail in the database as a 500
 * (or, in a query shared by many callers, fail them all); it is refused here, by field.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (value instanceof UnreadableBody) throw new AppError('malformed-request', value.reason);
    if (metadata.type === 'query') refuseRepeatedParameters(value, metadata.data);
    if (metadata.type !== 'custom') {
      // A whole body that is one string (a CSV) is named by where it came from.
      const fields = fieldsWithNul(value, metadata.data ?? '').map((f) => f || metadata.type);
      if (fields.length) {
        throw new AppError('validation-failed', `Check these fields: ${fields.join(', ')}`, {
          errors: fields.map((field) => ({
            field,
            message: `${field} must not contain a NUL character`,
          })),
        });
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * Whitelist, reject unknown fields and NUL characters, transform to DTO classes: registered once
 * as APP_PIPE.
 */
export const validationPipe = () =>
  new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: validationFailed,
  });

/** A UUID path parameter; a malformed one is a validation error naming the parameter. */
export const UuidParam = (name: string) =>
  new ParseUUIDPipe({
    exceptionFactory: () =>
      new AppError('validation-failed', `Check these fields: ${name}`, {
        errors: [{ field: name, message: `${name} must be a UUID` }],
      }),
  });

/** The `Idempotency-Key` header: absent is null; present, 1-200 visible ASCII characters. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string | null => {
    const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
    if (value === undefined) return null;
    if (typeof value === 'string' && /^[\x21-\x7e]{1,200}$/.test(value)) return value;
    throw new AppError('validation-failed', 'Check these fields: Idempotency-Key', {
      errors: [
        {
          field: 'Idempotency-Key',
          message: 'Idempotency-Key must be 1-200 visible ASCII characters, such as a UUID',
        },
      ],
    });
  },
);

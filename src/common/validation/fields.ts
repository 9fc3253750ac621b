import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  useContainer,
  Validate,
  ValidateBy,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { Calendar } from 'src/common/calendar';

/** A query flag: `true` and `false` as words; anything else is left for IsBoolean to refuse. */
export const booleanWord = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/** Names are stored as given: one name is a whole name, in any script. */
export const FullName = () =>
  applyDecorators(
    ApiProperty({ example: 'Siti Rahayu', maxLength: 300 }),
    Transform(trim),
    IsString(),
    IsNotEmpty(),
    MaxLength(300),
  );

/** A required, trimmed, non-empty line of text. */
export const Text = (maxLength: number, example: string) =>
  applyDecorators(
    ApiProperty({ example, maxLength }),
    Transform(trim),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
  );

/** An optional line of text: when given, trimmed and not empty. */
export const OptionalText = (maxLength: number, example: string, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ example, maxLength, description, type: String }),
    IsOptional(),
    Transform(trim),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
  );

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real date as YYYY-MM-DD, from the year 1 (PostgreSQL has no year 0). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || value.startsWith('0000')) return false;
  const date = new Date(`${value}T00:00:00Z`);
  // 2015-02-30 parses as 2 March: a real date reads back the same.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * "Not in the future" is read on the association's calendar, in its time zone, as every status
 * is: a seminar in Jakarta this morning is not in the future while UTC is still on yesterday.
 * configureApp hands class-validator the app's Calendar (`answerValidatorsWith`).
 */
@ValidatorConstraint({ name: 'calendarDateNotInFuture' })
export class NotInFuture implements ValidatorConstraintInterface {
  constructor(private readonly calendar?: Calendar) {}

  validate(value: unknown): boolean {
    if (!this.calendar)
      throw new Error('No calendar to read today from: call answerValidatorsWith');
    return isCalendarDate(value) && value <= this.calendar.today();
  }

  defaultMessage(args?: ValidationArguments): string {
    return `${args?.property} must be a date as YYYY-MM-DD, not in the future`;
  }
}

/** The validators that read the association's calendar read this one (class-validator's container). */
export function answerValidatorsWith(calendar: Calendar): void {
  const notInFuture = new NotInFuture(calendar);
  useContainer(
    {
      get: <T>(someClass: unknown) => (someClass === NotInFuture ? (notInFuture as T) : undefined),
    },
    { fallback: true, fallbackOnErrors: true },
  );
}

/** A calendar date as YYYY-MM-DD (no time, no zone), optionally not after today. */
export const CalendarDate = (options: { notInFuture?: boolean } = {}) =>
  options.notInFuture
    ? Validate(NotInFuture)
    : ValidateBy({
        name: 'calendarDate',
        validator: {
          validate: (value: unknown) => isCalendarDate(value),
          defaultMessage: (args) => `${args?.property} must be a date as YYYY-MM-DD`,
        },
      });

/**
 * A finite number with at most `places` decimals, whatever its notation: 1e-7 has seven (and
 * class-validator's own check fails on it with a TypeError, a 500).
 */
export const DecimalNumber = (places: number, range?: { min: number; max: number }) =>
  ValidateBy({
    name: 'decimalNumber',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' &&
        Number.isFinite(value) &&
        Number.parseFloat(value.toFixed(places)) === value &&
        (!range || (value >= range.min && value <= range.max)),
      // One message for the whole rule: a row of a roster is named once for its credits.
      defaultMessage: (args) =>
        `${args?.property} must be a number${range ? ` from ${range.min} to ${range.max}` : ''} with at most ${places} decimals`,
    },
  });

/** The day a question is asked of, as history answers it: optional, today when left out. */
export const AsOfDay = (description = 'The day to answer for (today by default)') =>
  applyDecorators(
    ApiPropertyOptional({ example: '2025-03-01', description }),
    IsOptional(),
    CalendarDate(),
  );

/** An optional setting in days, with its default and what it means. */
export const OptionalDays = (description: string, defaultDays: number, min = 0, max = 3650) =>
  applyDecorators(
    ApiPropertyOptional({
      example: defaultDays,
      default: defaultDays,
      minimum: min,
      maximum: max,
      description,
    }),
    IsOptional(),
    IsInt(),
    Min(min),
    Max(max),
  );

/** An optional search term of at least 2 characters, matched ignoring case and accents. */
export const SearchText = (
  maxLength: number,
  description = 'Part of the name; case and accents are ignored',
) =>
  applyDecorators(
    ApiPropertyOptional({ description, minLength: 2, maxLength }),
    IsOptional(),
    Transform(trim),
    IsString(),
    MinLength(2),
    MaxLength(maxLength),
  );

/** An amount of money in minor units (sen, cents): a safe integer, at least `minimum`. */
export const MinorUnits = (description: string, minimum = 0) =>
  applyDecorators(
    ApiProperty({ example: 30000000, description, minimum }),
    IsInt(),
    Min(minimum),
    Max(Number.MAX_SAFE_INTEGER),
  );

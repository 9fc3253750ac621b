import { Injectable, type PipeTransform } from '@nestjs/common';
import { Readable } from 'node:stream';
import { csvRowsAsTheyArrive } from 'src/common/csv';
import { AppError, type FieldError } from 'src/common/errors/app-error';
import { validationPipe } from 'src/common/validation/validation';
import { AttendeeDto, ROSTER_MAX, RosterShapeDto } from 'src/cpd/dto/cpd.dto';

/** The longest line a roster row may be: a number and some credits, with room to spare. */
const MAX_LINE = 1_000;

const unreadable = (message: string) =>
  new AppError('validation-failed', 'Check these fields: attendees', {
    errors: [{ field: 'attendees', message }],
  });

/** One row of a roster as sent, named as its sender knows it: `attendees[3]`, or `line 5` of a CSV. */
interface SentRow {
  label: string;
  value: unknown;
}

/** A roster's attendee whose cells are well formed, named as the sender knows it. */
export interface RosterAttendee {
  label: string;
  number: string;
  credits?: number;
}

/**
 * A roster read and its cells checked: the well-formed attendees, and every malformed cell by
 * row. The activity's own checks (unknown numbers, credits over the activity's) join these, so
 * one answer names every bad row.
 */
export interface CheckedRoster {
  attendees: RosterAttendee[];
  problems: FieldError[];
}

/**
 * A roster is JSON ({"attendees": [{"number", "credits"?}]}) or text/csv (number[,credits], an
 * optional header), read as it arrives: a roster of more rows than one may hold is refused at the
 * row past the limit, not after the whole upload. A JSON row is named by its index, a CSV row by
 * its line.
 */
@Injectable()
export class RosterPipe implements PipeTransform<unknown, Promise<CheckedRoster>> {
  private readonly validation = validationPipe();

  async transform(body: unknown): Promise<CheckedRoster> {
    const rows = body instanceof Readable ? await rowsOfCsv(body) : await this.rowsOfJson(body);
    const roster: CheckedRoster = { attendees: [], problems: [] };
    for (const { label, value } of rows) {
      try {
        const attendee = (await this.validation.transform(value, {
          type: 'body',
          metatype: AttendeeDto,
        })) as AttendeeDto;
        roster.attendees.push({ label, ...attendee });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'validation-failed') throw error;
        for (const { field, message } of error.extras.errors ?? []) {
          roster.problems.push({ field: field ? `${label}.${field}` : label, message });
        }
      }
    }
    return roster;
  }

  /** The JSON roster's shape, then its rows, each checked on its own. */
  private async rowsOfJson(body: unknown): Promise<SentRow[]> {
    const { attendees } = (await this.validation.transform(body ?? {}, {
      type: 'body',
      metatype: RosterShapeDto,
    })) as RosterShapeDto;
    return attendees.map((value, index) => ({ label: `attendees[${index}]`, value }));
  }
}

async function rowsOfCsv(input: Readable): Promise<SentRow[]> {
  const rows = await csvRowsAsTheyArrive(input, {
    header: 'number',
    maxRows: ROSTER_MAX,
    maxLine: MAX_LINE,
    tooMany: () =>
      unreadable(`a roster holds at most ${ROSTER_MAX} attendees; send the rest in another`),
    unreadable,
  });
  return rows.map(({ record: [number, credits], line }) => ({
    label: `line ${line}`,
    value:
      credits === undefined || credits === ''
        ? { number }
        : { number, credits: Number.isNaN(Number(credits)) ? credits : Number(credits) },
  }));
}

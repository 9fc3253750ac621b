import { Injectable, type PipeTransform } from '@nestjs/common';
import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotUtf8Error, utf8LinesOnly } from 'src/common/encoding/utf8-lines';
import { AppError } from 'src/common/errors/app-error';
import { validationPipe } from 'src/common/validation/validation';
import { ROSTER_MAX, RosterDto } from 'src/cpd/dto/cpd.dto';

/** The longest line a roster row may be: a number and some credits, with room to spare. */
const MAX_LINE = 1_000;

const unreadable = (message: string) =>
  new AppError('validation-failed', 'Check these fields: attendees', {
    errors: [{ field: 'attendees', message }],
  });

type Attendee = { number: string; credits?: number | string };

/**
 * A roster is JSON ({"attendees": [{"number", "credits"?}]}) or text/csv (number[,credits], an
 * optional header), read as it arrives: a roster of more rows than one may hold is refused at the
 * row past the limit, not after the whole upload. Both end as a checked RosterDto, a CSV row's
 * errors named by its position.
 */
@Injectable()
export class RosterPipe implements PipeTransform<unknown, Promise<RosterDto>> {
  private readonly validation = validationPipe();

  async transform(body: unknown): Promise<RosterDto> {
    const value: unknown =
      body instanceof Readable ? { attendees: await attendeesFromCsv(body) } : body;
    return (await this.validation.transform(value ?? {}, {
      type: 'body',
      metatype: RosterDto,
    })) as RosterDto;
  }
}

async function attendeesFromCsv(input: Readable): Promise<Attendee[]> {
  const attendees: Attendee[] = [];
  const parser = parse({
    bom: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: MAX_LINE,
  });
  const reading = pipeline(input, utf8LinesOnly(), parser);
  try {
    let first = true;
    for await (const [number, credits] of parser as AsyncIterable<string[]>) {
      if (first && number?.toLowerCase() === 'number') {
        first = false;
        continue;
      }
      first = false;
      if (attendees.length === ROSTER_MAX) {
        throw unreadable(
          `a roster holds at most ${ROSTER_MAX} attendees; send the rest in another`,
        );
      }
      attendees.push(
        credits === undefined || credits === ''
          ? { number }
          : { number, credits: Number.isNaN(Number(credits)) ? credits : Number(credits) },
      );
    }
    await reading;
  } catch (error) {
    input.destroy();
    reading.catch(() => undefined);
    if (error instanceof AppError) throw error;
    if (error instanceof CsvError || error instanceof NotUtf8Error) {
      throw unreadable(`the CSV cannot be read: ${error.message}`);
    }
    throw error;
  }
  return attendees;
}

import { Injectable, type PipeTransform } from '@nestjs/common';
import { Readable } from 'node:stream';
import { csvRowsAsTheyArrive } from 'src/common/csv';
import { AppError } from 'src/common/errors/app-error';
import { validationPipe } from 'src/common/validation/validation';
import { ROSTER_MAX, RosterNumbersDto } from 'src/watch-lists/dto/watch-list.dto';
import type { RosterRow } from 'src/watch-lists/watch-lists.service';

/** The longest line a roster row may be: a number, with room to spare. */
const MAX_LINE = 1_000;

const unreadable = (message: string) =>
  new AppError('validation-failed', 'Check these fields: numbers', {
    errors: [{ field: 'numbers', message }],
  });

/**
 * A roster of numbers to watch is JSON ({"numbers": [...]}) or text/csv (one number a line, the
 * first column, an optional `number` header) read as it arrives and refused at the row past the
 * limit, before anything is enrolled. A JSON row is named by its index, a CSV row by its line.
 */
@Injectable()
export class RosterNumbersPipe implements PipeTransform<unknown, Promise<RosterRow[]>> {
  private readonly validation = validationPipe();

  async transform(body: unknown): Promise<RosterRow[]> {
    if (body instanceof Readable) return rowsOfCsv(body);
    const { numbers } = (await this.validation.transform(body ?? {}, {
      type: 'body',
      metatype: RosterNumbersDto,
    })) as RosterNumbersDto;
    return numbers.map((number, index) => ({ row: `numbers[${index}]`, number: number.trim() }));
  }
}

async function rowsOfCsv(input: Readable): Promise<RosterRow[]> {
  const rows = await csvRowsAsTheyArrive(input, {
    header: 'number',
    maxRows: ROSTER_MAX,
    maxLine: MAX_LINE,
    tooMany: () =>
      unreadable(`a roster holds at most ${ROSTER_MAX} numbers; send the rest in another`),
    unreadable,
  });
  return rows.map(({ record: [number], line }) => ({ row: `line ${line}`, number: number ?? '' }));
}

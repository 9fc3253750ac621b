import { Injectable, type PipeTransform } from '@nestjs/common';
import { csvRows } from 'src/common/csv';
import { AppError } from 'src/common/errors/app-error';
import { validationPipe } from 'src/common/validation/validation';
import { RosterDto } from 'src/cpd/dto/cpd.dto';

const unreadable = (message: string) =>
  new AppError('validation-failed', 'Check these fields: attendees', {
    errors: [{ field: 'attendees', message }],
  });

/**
 * A roster is JSON ({"attendees": [{"number", "credits"?}]}) or text/csv (number[,credits], an
 * optional header); both end as a checked RosterDto, a CSV row's errors named by its position.
 */
@Injectable()
export class RosterPipe implements PipeTransform<unknown, Promise<RosterDto>> {
  private readonly validation = validationPipe();

  async transform(body: unknown): Promise<RosterDto> {
    const value: unknown = typeof body === 'string' ? { attendees: attendeesFromCsv(body) } : body;
    return (await this.validation.transform(value ?? {}, {
      type: 'body',
      metatype: RosterDto,
    })) as RosterDto;
  }
}

function attendeesFromCsv(csv: string): { number: string; credits?: number | string }[] {
  let rows: string[][];
  try {
    rows = csvRows(csv);
  } catch (error) {
    throw unreadable(`the CSV cannot be read: ${(error as Error).message}`);
  }
  if (rows[0]?.[0]?.toLowerCase() === 'number') rows.shift();
  return rows.map(([number, credits]) =>
    credits === undefined || credits === ''
      ? { number }
      : { number, credits: Number.isNaN(Number(credits)) ? credits : Number(credits) },
  );
}

import { Injectable, type PipeTransform } from '@nestjs/common';
import { numbersFromCsv } from 'src/credentials/bulk-csv';
import { BulkVerificationDto } from 'src/credentials/dto/organisation-verification.dto';
import { validationPipe } from 'src/common/validation/validation';

/** A bulk request is JSON ({"numbers": [...]}) or text/csv; both end as a checked BulkVerificationDto. */
@Injectable()
export class BulkNumbersPipe implements PipeTransform<unknown, Promise<BulkVerificationDto>> {
  private readonly validation = validationPipe();

  async transform(body: unknown): Promise<BulkVerificationDto> {
    const value: unknown =
      typeof body === 'string' ? { numbers: numbersFromCsv(body) } : (body ?? {});
    return (await this.validation.transform(value, {
      type: 'body',
      metatype: BulkVerificationDto,
    })) as BulkVerificationDto;
  }
}

import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsString,
  MaxLength,
} from 'class-validator';
import { PageOf } from 'src/common/paging';
import { PublicCredentialResponse } from 'src/credentials/dto/public-credential.dto';
import {
  VERIFICATION_CHANNELS,
  type VerificationChannel,
} from 'src/credentials/entities/verification-log-entry.entity';

export const BULK_LIMIT = 1000;

export class BulkVerificationDto {
  @ApiProperty({
    type: [String],
    example: ['SK-2026-000042', '3121100220145678'],
    description: `Up to ${BULK_LIMIT} credential numbers. Or send text/csv: one number per line (first column), optional header "number".`,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_LIMIT)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  readonly numbers: string[];
}

class BulkFound {
  @ApiProperty({ example: 'SK-2026-000042' }) number: string;
  @ApiProperty({ description: 'false: no verified credential has this number' }) found: boolean;
}

/** One line of a bulk answer: the number asked, whether it was found, and if so the public answer. */
export class BulkVerificationItem extends IntersectionType(
  BulkFound,
  PartialType(PublicCredentialResponse),
) {}

export class BulkVerificationResponse {
  @ApiProperty({
    type: [BulkVerificationItem],
    description: 'In the order asked, duplicates removed',
  })
  results: BulkVerificationItem[];
  @ApiProperty({ example: 998 }) found: number;
  @ApiProperty({ example: 2 }) notFound: number;
}

export class VerificationLogEntryResponse {
  @ApiProperty({ example: 'RS Harapan Kita' }) organisation: string;
  @ApiProperty({ enum: VERIFICATION_CHANNELS }) channel: VerificationChannel;
  @ApiProperty() checkedAt: Date;
  @ApiPropertyOptional({ example: 'SK-2026-000042' }) number?: string;
}

export class VerificationLogPage extends PageOf(VerificationLogEntryResponse) {}

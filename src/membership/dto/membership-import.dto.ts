import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { booleanWord, trim } from 'src/common/validation/fields';
import { IMPORT_STATUSES, type ImportStatus } from 'src/membership/import/import-rows';

export class ImportQuery {
  @ApiPropertyOptional({ default: false, description: 'Check every row and write nothing' })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean()
  readonly dryRun: boolean = false;

  @ApiPropertyOptional({ example: 'register-2026.csv', maxLength: 255 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(255)
  readonly fileName?: string;
}

export class ImportRowErrorResponse {
  @ApiProperty({ example: 57, description: 'Line of the file; the header is line 1' }) row: number;
  @ApiPropertyOptional({ type: String, example: 'national_id', nullable: true }) column:
    string | null;
  @ApiProperty({ example: 'repeats row 12' }) message: string;
}

export class ImportCountsResponse {
  @ApiProperty() people: number;
  @ApiProperty() memberships: number;
  @ApiProperty() credentials: number;
}

export class ImportReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ type: String, nullable: true }) fileName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'SHA-256 of the file' })
  sha256: string | null;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({
    enum: IMPORT_STATUSES,
    description:
      'running; validated (dry run, no errors); committed; rejected (errors); failed (stopped: see failureReason)',
  })
  status: ImportStatus;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'The upload was cut off before the end of the file; nothing was written',
  })
  failureReason: string | null;
  @ApiProperty() totalRows: number;
  @ApiProperty({
    description:
      'Rows read and checked so far: progress while running. Nothing is written before the run commits; a failed run shows 0',
  })
  processedRows: number;
  @ApiProperty({ type: ImportCountsResponse, description: 'Created (or would be, in a dry run)' })
  created: ImportCountsResponse;
  @ApiProperty({ type: ImportCountsResponse, description: 'Already on record: left as they are' })
  unchanged: ImportCountsResponse;
  @ApiProperty() errorCount: number;
  @ApiProperty({ type: [ImportRowErrorResponse], description: 'The first 1,000 errors' })
  errors: ImportRowErrorResponse[];
  @ApiProperty() startedAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  finishedAt: Date | null;
}

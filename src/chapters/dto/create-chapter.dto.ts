import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmpty,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';

export class CreateChapterDto {
  @ApiProperty({ example: 'JKT', description: 'Upper-case letters, digits and dashes' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{0,19}$/, {
    message: 'code must be 1-20 upper-case letters, digits or dashes',
  })
  readonly code: string;

  @ApiProperty({ example: 'IDI Cabang Jakarta Pusat' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly name: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The region this branch belongs to',
  })
  @IsOptional()
  @IsUUID()
  readonly parentId?: string | null;
}

/** A chapter's name and region may change; its code may not, since member numbers carry it. */
export class UpdateChapterDto {
  @ApiPropertyOptional({ example: 'IDI Cabang Jakarta Pusat' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly name?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The region this branch belongs to; null makes it a top-level chapter',
  })
  @IsOptional()
  @IsUUID()
  readonly parentId?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Never changes: member numbers already issued carry it',
    deprecated: true,
  })
  @IsEmpty({ message: 'code cannot change: member numbers already issued carry it' })
  readonly code?: never;
}

export class ChapterResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
}

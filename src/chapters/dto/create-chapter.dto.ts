import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

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

export class ChapterResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
}

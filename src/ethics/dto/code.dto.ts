import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CalendarDate, Text, trim } from 'src/common/validation/fields';

export class CodeArticleDto {
  @Text(20, 'Pasal 1') readonly number: string;

  @ApiPropertyOptional({ example: 'Sumpah dokter', maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  readonly title?: string;

  @Text(20_000, 'Setiap dokter wajib menjunjung tinggi sumpah dokter.') readonly text: string;
}

export class CreateCodeVersionDto {
  @Text(40, 'KODEKI-2026') readonly version: string;
  @Text(300, 'Kode Etik Kedokteran Indonesia') readonly title: string;

  @ApiProperty({ example: '2027-01-01', description: 'The day this version comes into force' })
  @CalendarDate()
  readonly effectiveFrom: string;

  @ApiProperty({ type: [CodeArticleDto], description: 'In the order the code reads' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => CodeArticleDto)
  readonly articles: CodeArticleDto[];
}

export class CodeArticleResponse {
  @ApiProperty({ example: 'Pasal 1' }) number: string;
  @ApiPropertyOptional({ type: String, nullable: true }) title: string | null;
  @ApiProperty() text: string;
}

export class CodeVersionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'KODEKI-2012' }) version: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2012-01-01' }) effectiveFrom: string;
  @ApiProperty({ description: 'Whether this is the version in force today' }) inForce: boolean;
  @ApiProperty({ type: [CodeArticleResponse] }) articles: CodeArticleResponse[];
}

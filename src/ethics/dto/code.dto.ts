import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
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
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The profession whose code this is; may be left out where there is only one',
  })
  @IsOptional()
  @IsUUID()
  readonly professionId?: string;

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

/** A version not yet in force may be corrected: its title, date and articles. */
export class CorrectCodeVersionDto extends PartialType(
  PickType(CreateCodeVersionDto, ['title', 'effectiveFrom', 'articles'] as const),
) {
  @ApiPropertyOptional({ type: String, description: 'Never changes', deprecated: true })
  @IsEmpty({ message: 'version cannot change: publish a new version instead' })
  readonly version?: never;
}

export class WithdrawCodeVersionDto {
  @Text(2000, 'Published with the wrong effective date') readonly reason: string;
}

export class CodesQuery {
  @ApiPropertyOptional({
    example: 'DOKTER',
    description: 'Profession code; may be left out where only one profession has a code',
  })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_-]{0,39}$/, {
    message: 'profession must be a profession code such as DOKTER',
  })
  readonly profession?: string;
}

export class CodeArticleResponse {
  @ApiProperty({ example: 'Pasal 1' }) number: string;
  @ApiPropertyOptional({ type: String, nullable: true }) title: string | null;
  @ApiProperty() text: string;
}

export class CodeVersionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) professionId: string;
  @ApiProperty({ example: 'KODEKI-2012' }) version: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2012-01-01' }) effectiveFrom: string;
  @ApiProperty({ description: 'Whether this is the version in force today' }) inForce: boolean;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  withdrawnAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) withdrawnReason: string | null;
  @ApiProperty({ type: [CodeArticleResponse] }) articles: CodeArticleResponse[];
}

import { SearchText } from 'src/common/validation/fields';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO31661Alpha2, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';
import { Text, trim } from 'src/common/validation/fields';
import { ACCREDITATION_STATUSES, type AccreditationStatus } from 'src/education/education.types';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class CreateInstitutionDto {
  @Text(300, 'Universitas Indonesia') readonly name: string;

  @ApiProperty({ example: 'ID', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @IsISO31661Alpha2()
  readonly country: string;

  @ApiPropertyOptional({ enum: ACCREDITATION_STATUSES, default: 'unknown' })
  @IsOptional()
  @IsIn(ACCREDITATION_STATUSES)
  readonly accreditationStatus?: AccreditationStatus;

  @ApiPropertyOptional({ type: String, example: 'LAM-PTKes 0123/2024', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  readonly accreditationReference?: string | null;
}

export class UpdateInstitutionDto extends PartialType(CreateInstitutionDto) {}

export class InstitutionsQuery extends PageQuery {
  @SearchText(100) readonly name?: string;

  @ApiPropertyOptional({ example: 'ID' })
  @IsOptional()
  @Transform(upper)
  @IsISO31661Alpha2()
  readonly country?: string;
}

export class InstitutionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'ID' }) country: string;
  @ApiProperty({ enum: ACCREDITATION_STATUSES }) accreditationStatus: AccreditationStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) accreditationReference: string | null;
}

export class InstitutionPage extends PageOf(InstitutionResponse) {}

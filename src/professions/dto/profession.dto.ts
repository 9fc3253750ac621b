import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmpty,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import { Text } from 'src/common/validation/fields';

const CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;
const CODE_MESSAGE = 'code must be 1-40 upper-case letters, digits, _ or -, starting with a letter';

export class CreateSpecialityDto {
  @ApiProperty({ example: 'SP_PD', description: 'Upper-case letters, digits, _ and -' })
  @Matches(CODE, { message: CODE_MESSAGE })
  readonly code: string;

  @Text(200, 'Spesialis Penyakit Dalam') readonly name: string;
}

export class CreateProfessionDto {
  @ApiProperty({ example: 'ADVOKAT', description: 'Upper-case letters, digits, _ and -' })
  @Matches(CODE, { message: CODE_MESSAGE })
  readonly code: string;

  @Text(200, 'Advokat') readonly name: string;

  @ApiPropertyOptional({ type: [CreateSpecialityDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CreateSpecialityDto)
  readonly specialities?: CreateSpecialityDto[];
}

/** A name or the switch; the code stays, since numbers and filters carry it. */
export class UpdateProfessionDto extends PartialType(
  PickType(CreateProfessionDto, ['name'] as const),
) {
  @ApiPropertyOptional({ description: 'False switches it off: nothing new may point to it' })
  @IsOptional()
  @IsBoolean()
  readonly active?: boolean;

  @ApiPropertyOptional({ type: String, description: 'Never changes', deprecated: true })
  @IsEmpty({ message: 'code cannot change: numbers and filters already carry it' })
  readonly code?: never;
}

export class UpdateSpecialityDto extends UpdateProfessionDto {}

export class SpecialityResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
}

export class ProfessionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [SpecialityResponse] }) specialities: SpecialityResponse[];
}

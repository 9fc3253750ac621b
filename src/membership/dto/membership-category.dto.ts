import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
} from 'class-validator';
import { isValidNumberFormat } from 'src/common/numbering';
import { OptionalDays, Text, trim } from 'src/common/validation/fields';
import { MinorUnits } from 'src/common/validation/fields';
import { MEMBER_NUMBER_TOKENS } from 'src/membership/membership-rules';
import type { Requirement } from 'src/requirements/requirement-rules';

const MemberNumberFormat = () =>
  ValidateBy({
    name: 'memberNumberFormat',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && isValidNumberFormat(value, MEMBER_NUMBER_TOKENS),
      defaultMessage: () =>
        'memberNumberFormat must contain one {SEQ:n} (n = 1..12) and may use {CHAPTER}, {CATEGORY}, {YYYY}, {YY} and {MM}, e.g. {CHAPTER}-{YYYY}-{SEQ:6}',
    },
  });

/** An amount in minor units (cents, sen): a whole number, never a float. */
export class CreateMembershipCategoryDto {
  @ApiProperty({ example: 'ORDINARY', description: 'Upper-case letters, digits, _ and -' })
  @Matches(/^[A-Z][A-Z0-9_-]{0,39}$/, {
    message: 'code must be 1-40 upper-case letters, digits, _ or -',
  })
  readonly code: string;

  @Text(200, 'Anggota biasa') readonly name: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  readonly description?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The membership card issued on admission: a credential type that is a card',
  })
  @IsOptional()
  @IsUUID()
  readonly cardCredentialTypeId?: string | null;

  @ApiPropertyOptional({
    type: Object,
    nullable: true,
    description:
      'What admission needs, each part checked and named (null: nothing): {all|any: [...]}, {atLeast, of: [...]}, {credential: CODE, heldForMonths?, addUp?}, {qualification: {degrees?, levels?, field?, accreditedInstitution?}}, {pledge: true} (to the code of the profession), {applicationFee: "paid"}, {fees: "paid"}, {minimumAge: N}, {declared: CODE} (declared and checked), {decided: CODE} (an act of the association)',
    example: {
      all: [
        { qualification: { degrees: ['DOKTER'] } },
        { credential: 'STR' },
        { pledge: true },
        { applicationFee: 'paid' },
      ],
    },
  })
  @IsOptional()
  @IsObject()
  readonly requirements?: Requirement | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The profession its members practise (GET /professions)',
  })
  @IsOptional()
  @IsUUID()
  readonly professionId?: string | null;

  @ApiPropertyOptional({ default: true, description: 'False: conferred, staff apply for people' })
  @IsOptional()
  @IsBoolean()
  readonly acceptsApplications?: boolean;

  @MinorUnits('Dues per period, in minor units') readonly duesMinor: number;

  @ApiPropertyOptional({
    type: Number,
    example: 10000000,
    nullable: true,
    description: 'Null: no fee',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly applicationFeeMinor?: number | null;

  @ApiProperty({ example: 'IDR', description: 'ISO 4217' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as IDR' })
  readonly currency: string;

  @ApiProperty({ example: 12, minimum: 1, maximum: 120 })
  @IsInt()
  @Min(1)
  @Max(120)
  readonly periodMonths: number;

  @ApiProperty({ example: 90, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(3650)
  readonly graceDays: number;

  @OptionalDays('A renewal may be asked for from this many days before the cover ends', 90)
  readonly renewalWindowDays?: number;

  @OptionalDays('The next period is invoiced this many days before the cover ends', 60, 1)
  readonly renewalNoticeDays?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'A renewal whose requirements are all met is approved without staff',
  })
  @IsOptional()
  @IsBoolean()
  readonly autoRenew?: boolean;

  @ApiProperty({ example: '{CHAPTER}-{YYYY}-{SEQ:6}' })
  @MemberNumberFormat()
  readonly memberNumberFormat: string;
}

export class UpdateMembershipCategoryDto extends PartialType(
  OmitType(CreateMembershipCategoryDto, ['code'] as const),
) {
  @ApiPropertyOptional({
    description: 'False switches it off: no new applications; memberships in it stay as they are',
  })
  @IsOptional()
  @IsBoolean()
  readonly active?: boolean;
}

export class MembershipCategoryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ORDINARY' }) code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) description: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) professionId:
    string | null;
  @ApiProperty() acceptsApplications: boolean;
  @ApiProperty({ description: 'False: switched off, no new applications' }) active: boolean;
  @ApiPropertyOptional({ type: Object, nullable: true }) requirements: Requirement | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) cardCredentialTypeId:
    string | null;
  @ApiProperty({ example: 30000000 }) duesMinor: number;
  @ApiPropertyOptional({ type: Number, example: 10000000, nullable: true }) applicationFeeMinor:
    number | null;
  @ApiProperty({ example: 'IDR' }) currency: string;
  @ApiProperty({ example: 12 }) periodMonths: number;
  @ApiProperty({ example: 90 }) graceDays: number;
  @ApiProperty({ example: 90 }) renewalWindowDays: number;
  @ApiProperty({ example: 60 }) renewalNoticeDays: number;
  @ApiProperty() autoRenew: boolean;
  @ApiProperty({ example: '{CHAPTER}-{YYYY}-{SEQ:6}' }) memberNumberFormat: string;
}

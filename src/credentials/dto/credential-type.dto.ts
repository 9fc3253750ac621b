import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { OptionalDays, Text } from 'src/common/validation/fields';
import type { Requirement } from 'src/requirements/requirement-rules';
import {
  ISSUER_KINDS,
  ON_MEMBERSHIP_END,
  type OnMembershipEnd,
  isValidNumberFormat,
  type IssuerKind,
} from 'src/credentials/credential-rules';

const NumberFormat = () =>
  ValidateBy({
    name: 'numberFormat',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isValidNumberFormat(value),
      defaultMessage: () =>
        'numberFormat must contain one {SEQ:n} (n = 1..12) and may use {TYPE}, {YYYY}, {YY}, {MM}, {PROFESSION}, {CHAPTER} and, on a membership card, {MEMBER}, e.g. SK-{YYYY}-{SEQ:6}',
    },
  });

export class CreateCredentialTypeDto {
  @ApiProperty({ example: 'SERKOM', description: 'Upper-case letters, digits, _ and -' })
  @Matches(/^[A-Z][A-Z0-9_-]{0,39}$/, {
    message: 'code must be 1-40 upper-case letters, digits, _ or -',
  })
  readonly code: string;

  @Text(200, 'Sertifikat Kompetensi') readonly name: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The profession it belongs to (GET /professions); null for none',
  })
  @IsOptional()
  @IsUUID()
  readonly professionId?: string | null;

  @ApiProperty({
    enum: ISSUER_KINDS,
    description: 'association: issued and numbered here; external: recorded',
  })
  @IsIn(ISSUER_KINDS)
  readonly issuerKind: IssuerKind;

  @Text(200, 'Kolegium Dokter Indonesia') readonly issuingAuthority: string;

  @ApiPropertyOptional({
    type: Number,
    example: 60,
    nullable: true,
    description: 'Months of validity; null for life',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1200)
  readonly validityMonths?: number | null;

  @ApiPropertyOptional({ example: 90, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  readonly graceDays?: number;

  @OptionalDays('A renewal may be asked for from this many days before the validity ends', 90)
  readonly renewalWindowDays?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'A renewal whose requirements are all met is approved without staff',
  })
  @IsOptional()
  @IsBoolean()
  readonly autoRenew?: boolean;

  @ApiPropertyOptional({
    type: String,
    example: 'SK-{YYYY}-{SEQ:6}',
    description: 'Required when issued here',
  })
  @ValidateIf(
    (dto: CreateCredentialTypeDto) => dto.issuerKind === 'association' || dto.numberFormat != null,
  )
  @NumberFormat()
  readonly numberFormat?: string | null;

  @ApiPropertyOptional({
    type: Number,
    example: 3,
    nullable: true,
    description: 'Most credentials of this type one person may hold at once',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  readonly maxActivePerPerson?: number | null;

  @ApiPropertyOptional({
    default: false,
    description:
      'Issued per place of practice (a practice permit): each credential names its place, and a person holds one in force per place',
  })
  @IsOptional()
  @IsBoolean()
  readonly perPlace?: boolean;

  @ApiPropertyOptional({
    enum: ON_MEMBERSHIP_END,
    default: 'keep',
    description:
      "What a membership revoked, or the holder's death, does to credentials of this type; types issued elsewhere keep",
  })
  @IsOptional()
  @IsIn(ON_MEMBERSHIP_END)
  readonly onMembershipEnd?: OnMembershipEnd;

  @ApiPropertyOptional({
    type: Object,
    nullable: true,
    description:
      'What a person needs before one is issued: {all|any: [...]}, {atLeast, of: [...]}, {credential: CODE, heldForMonths?}, {qualification: {degrees?, levels?, field?, accreditedInstitution?}}, {pledge: true}, {fees: "paid"}, {minimumAge: N}, {declared: CODE} (declared and checked), {decided: CODE} (an act of the association)',
    example: { all: [{ credential: 'UPA' }, { credential: 'MAGANG', heldForMonths: 24 }] },
  })
  @IsOptional()
  @IsObject()
  readonly issueRequirements?: Requirement | null;

  @ApiPropertyOptional({
    default: false,
    description:
      'The membership card: numbered with the member number ({MEMBER} in numberFormat), issued on admission by a category that names it, suspended and ended with the membership',
  })
  @IsOptional()
  @IsBoolean()
  readonly membershipCard?: boolean;

  @ApiPropertyOptional({
    default: true,
    description:
      'Whether verifiers see credentials of this type (public lookup, page, organisation checks, certificates, VCs); false for e.g. an internship letter',
  })
  @IsOptional()
  @IsBoolean()
  readonly publiclyVerifiable?: boolean;
}

/** The code and the kind of issuer are fixed once credentials exist; the rest may change. */
export class UpdateCredentialTypeDto extends PartialType(
  OmitType(CreateCredentialTypeDto, ['code', 'issuerKind'] as const),
) {
  @ApiPropertyOptional({
    description: 'False switches it off: nothing new is issued or recorded; what was stays',
  })
  @IsOptional()
  @IsBoolean()
  readonly active?: boolean;
}

export class CredentialTypeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) professionId:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "The profession's name" })
  profession: string | null;
  @ApiProperty({ enum: ISSUER_KINDS }) issuerKind: IssuerKind;
  @ApiProperty() issuingAuthority: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) validityMonths: number | null;
  @ApiProperty() graceDays: number;
  @ApiProperty({ example: 90 }) renewalWindowDays: number;
  @ApiProperty() autoRenew: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) numberFormat: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) maxActivePerPerson: number | null;
  @ApiProperty({ description: 'Issued per place of practice' }) perPlace: boolean;
  @ApiProperty({ enum: ON_MEMBERSHIP_END }) onMembershipEnd: OnMembershipEnd;
  @ApiProperty() publiclyVerifiable: boolean;
  @ApiProperty() membershipCard: boolean;
  @ApiPropertyOptional({ type: Object, nullable: true }) issueRequirements: Requirement | null;
  @ApiProperty({ description: 'False: switched off, nothing new is issued or recorded' })
  active: boolean;
}

import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  IsEmpty,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';
import { PrimarySourceReviewDto } from 'src/common/verification/primary-source-review.dto';
import { CalendarDate, Text } from 'src/common/validation/fields';
import {
  DEGREE_LEVELS,
  QUALIFICATION_STATUSES,
  REVIEW_DECISIONS,
  type DegreeLevel,
  VERIFICATION_METHODS,
  type QualificationStatus,
  type ReviewDecision,
  type VerificationMethod,
} from 'src/education/education.types';
import { InstitutionResponse } from 'src/education/dto/institution.dto';

export class SubmitQualificationDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Staff submitting for someone; members submit for themselves and leave it out',
  })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @ApiProperty({ format: 'uuid' }) @IsUUID() readonly institutionId: string;
  @Text(120, 'Dokter (dr.)') readonly degree: string;
  @Text(200, 'Pendidikan Dokter') readonly field: string;

  @ApiProperty({ example: '2015-08-29' })
  @CalendarDate({ notInFuture: true })
  readonly graduationDate: string;

  @Text(100, '0123/UN2.F1/PP/2015') readonly diplomaNumber: string;
}

/** Corrections by the owner or staff while the qualification is not verified. */
export class UpdateQualificationDto extends PartialType(
  OmitType(SubmitQualificationDto, ['personId'] as const),
) {}

/** A registrar's decision on a diploma, naming which degree it is where its text did not say. */
export class ReviewQualificationDto extends PrimarySourceReviewDto {
  @ApiPropertyOptional({
    example: 'DOKTER',
    description: 'The degree code (GET /degrees), where the diploma text is not one of its names',
  })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { message: 'degreeCode must be a degree code' })
  readonly degreeCode?: string;
}

export class DegreeResponse {
  @ApiProperty({ example: 'DOKTER' }) code: string;
  @ApiProperty({ example: 'Dokter' }) name: string;
  @ApiProperty({ type: [String], example: ['Dokter (dr.)', 'dr.'] }) aliases: string[];
  @ApiPropertyOptional({ enum: DEGREE_LEVELS, nullable: true }) level: DegreeLevel | null;
}

export class CreateDegreeDto {
  @ApiProperty({ example: 'DOKTER_GIGI', description: 'Upper-case letters, digits and _' })
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { message: 'code must be upper-case letters, digits and _' })
  readonly code: string;
  @Text(120, 'Dokter Gigi') readonly name: string;
  @ApiPropertyOptional({ type: [String], example: ['Dokter Gigi (drg.)', 'drg.'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(120, { each: true })
  readonly aliases?: string[];
  @ApiPropertyOptional({
    enum: DEGREE_LEVELS,
    description: 'Its level, for requirements that ask for one',
  })
  @IsOptional()
  @IsIn(DEGREE_LEVELS)
  readonly level?: DegreeLevel;
}

/** A degree corrected: its name, its spellings, its level. Its code never changes. */
export class UpdateDegreeDto extends PartialType(OmitType(CreateDegreeDto, ['code'] as const)) {
  @ApiPropertyOptional({ type: String, description: 'Never changes', deprecated: true })
  @IsEmpty({ message: 'code cannot change: categories and qualifications carry it' })
  readonly code?: never;
}

export class QualificationsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() readonly personId?: string;
  @ApiPropertyOptional({ enum: QUALIFICATION_STATUSES })
  @IsOptional()
  @IsIn(QUALIFICATION_STATUSES)
  readonly status?: QualificationStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() readonly institutionId?: string;
}

export class QualificationReviewResponse {
  @ApiProperty({ enum: REVIEW_DECISIONS }) decision: ReviewDecision;
  @ApiProperty({ enum: VERIFICATION_METHODS }) method: VerificationMethod;
  @ApiPropertyOptional({ type: String, nullable: true }) sourceReference: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ format: 'uuid' }) reviewedByAccountId: string;
  @ApiProperty() reviewedAt: Date;
}

export class QualificationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: InstitutionResponse }) institution: InstitutionResponse;
  @ApiProperty() degree: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'DOKTER',
    description: 'Which degree it is (GET /degrees); null until the text or a registrar says',
  })
  degreeCode: string | null;
  @ApiProperty() field: string;
  @ApiProperty({ example: '2015-08-29' }) graduationDate: string;
  @ApiProperty() diplomaNumber: string;
  @ApiProperty({ enum: QUALIFICATION_STATUSES }) status: QualificationStatus;
  @ApiProperty({ type: [QualificationReviewResponse], description: 'Every decision, oldest first' })
  reviews: QualificationReviewResponse[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class QualificationPage extends PageOf(QualificationResponse) {}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';
import { Text, trim } from 'src/common/validation/fields';
import {
  APPLICATION_STATUSES,
  PIPELINE_CHECKS,
  type ApplicationStatus,
  type PipelineCheckCode,
} from 'src/membership/membership-rules';

export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly categoryId: string;

  @ApiProperty({ format: 'uuid', description: 'The chapter the person will belong to' })
  @IsUUID()
  readonly chapterId: string;

  @ApiPropertyOptional({ example: 'Penyakit Dalam', maxLength: 120 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  readonly speciality?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only: the person applying' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;
}

export class RejectApplicationDto {
  @Text(2000, 'The diploma could not be confirmed with the university') readonly reason: string;
}

export class WithdrawApplicationDto {
  @ApiPropertyOptional({ example: 'Moving abroad', maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  readonly reason?: string;
}

export class ApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  readonly status?: ApplicationStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  readonly categoryId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  readonly chapterId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members see their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Applications a reviewer has taken' })
  @IsOptional()
  @IsUUID()
  readonly reviewerAccountId?: string;
}

export class PipelineCheckResponse {
  @ApiProperty({ enum: PIPELINE_CHECKS }) check: PipelineCheckCode;
  @ApiPropertyOptional({
    example: 'credential:UPA',
    description: "For a requirement check: the part of the category's requirement",
  })
  requirement?: string;
  @ApiProperty() met: boolean;
  @ApiProperty({ example: 'No pledge to the code in force (KODEKI-2012)' }) detail: string;
}

export class ApplicationChecksResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiProperty({ description: 'Every check is met' }) ready: boolean;
  @ApiProperty({ type: [PipelineCheckResponse] }) checks: PipelineCheckResponse[];
}

export class ApplicationCategory {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ORDINARY' }) code: string;
  @ApiProperty() name: string;
}

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: ApplicationCategory }) category: ApplicationCategory;
  @ApiProperty({ format: 'uuid' }) chapterId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) speciality: string | null;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: ApplicationStatus;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  submittedAt: Date | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  reviewStartedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reviewerAccountId: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  decidedAt: Date | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedByAccountId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decisionReason: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Application fee invoice',
  })
  feeInvoiceId: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Once approved',
  })
  membershipId: string | null;
  @ApiProperty() createdAt: Date;
}

export class ApplicationPage extends PageOf(ApplicationResponse) {}

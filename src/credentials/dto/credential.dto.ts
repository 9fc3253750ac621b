import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';
import { CalendarDate, Text, trim } from 'src/common/validation/fields';
import { PrimarySourceReviewDto } from 'src/common/verification/primary-source-review.dto';
import {
  CREDENTIAL_STATUSES,
  VERIFICATION_STATUSES,
  type CredentialStatus,
  type VerificationStatus,
} from 'src/credentials/credential-rules';
import {
  CREDENTIAL_EVENTS,
  type CredentialEventKind,
} from 'src/credentials/entities/credential-event.entity';
import { CredentialTypeResponse } from 'src/credentials/dto/credential-type.dto';

export class IssueCredentialDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() readonly personId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() readonly credentialTypeId: string;

  @ApiPropertyOptional({
    example: '2026-11-22',
    description: 'First day of validity; today if left out',
  })
  @IsOptional()
  @CalendarDate()
  readonly validFrom?: string;

  @ApiPropertyOptional({
    example: 'SIPIL',
    description:
      "The speciality or grade it is issued in, a speciality code of the type's profession; needed where its numbers carry {SPECIALITY}",
  })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_-]{0,39}$/, { message: 'speciality must be a speciality code' })
  readonly speciality?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'A credential of the same person that this one replaces (a grade upgraded): it becomes `superseded`, pointing here, neither in force nor a sanction',
  })
  @IsOptional()
  @IsUUID()
  readonly supersedes?: string;
}

export class RecordCredentialDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Staff recording for someone; members leave it out',
  })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @ApiProperty({ format: 'uuid' }) @IsUUID() readonly credentialTypeId: string;
  @Text(100, '3121100220145678') readonly number: string;

  @ApiPropertyOptional({
    example: 'RS Hasan Sadikin, Jl. Pasteur 38, Bandung',
    description: 'The place of practice it is for: needed where its type is issued per place (SIP)',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly place?: string;

  @ApiPropertyOptional({
    example: 'Dinas Kesehatan Kota Bandung',
    description: "The type's authority if left out",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  readonly issuingAuthority?: string;

  @ApiProperty({ example: '2024-05-02' }) @CalendarDate() readonly validFrom: string;

  @ApiPropertyOptional({
    example: '2029-05-01',
    description: "From the type's validity if left out",
  })
  @IsOptional()
  @CalendarDate()
  readonly validUntil?: string;
}

/** Primary-source verification of a licence recorded from outside. */
export class ReviewCredentialDto extends PrimarySourceReviewDto {}

/** A rejected licence, corrected where it was wrong, sent for verification again. */
export class ResubmitCredentialDto extends PartialType(
  PickType(RecordCredentialDto, ['number', 'issuingAuthority', 'validFrom', 'validUntil'] as const),
) {
  @ApiPropertyOptional({ example: 'The permit number had a digit wrong', maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  readonly note?: string;
}

export class StatusChangeDto {
  @Text(2000, 'Suspended by decision 12/MKEK/2026 pending the hearing') readonly reason: string;
}

export class SuspendCredentialDto extends StatusChangeDto {
  @ApiPropertyOptional({
    example: '2027-05-31',
    description: 'Last day of the suspension, if known',
  })
  @IsOptional()
  @CalendarDate()
  readonly until?: string;
}

export class EndPracticeDto extends StatusChangeDto {
  @ApiProperty({
    example: '2026-11-30',
    description: 'The last day of practice at its place: the credential ends after it',
  })
  @CalendarDate()
  readonly lastDay: string;
}

export class CredentialsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'SK-2026-000042', description: 'The exact number' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  readonly number?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() readonly personId?: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  readonly credentialTypeId?: string;
  @ApiPropertyOptional({ enum: CREDENTIAL_STATUSES })
  @IsOptional()
  @IsIn(CREDENTIAL_STATUSES)
  readonly status?: CredentialStatus;
  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES })
  @IsOptional()
  @IsIn(VERIFICATION_STATUSES)
  readonly verificationStatus?: VerificationStatus;
}

export class CredentialPeriodResponse {
  @ApiProperty({ example: '2026-11-22' }) validFrom: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2031-11-21' }) validUntil:
    string | null;
}

export class CredentialEventResponse {
  @ApiProperty({ enum: CREDENTIAL_EVENTS }) event: CredentialEventKind;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) method: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) sourceReference: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-05-31',
    description: 'On a suspension: its last day as announced (null: until lifted)',
  })
  suspendedUntil?: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2029-03-31',
    description: 'On the end of practice at its place: the last day it had before (null: none)',
  })
  announcedUntil?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) actorAccountId:
    string | null;
  @ApiProperty() occurredAt: Date;
}

export class CredentialSuccessorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'IPM-2027-000003' }) number: string;
}

export class CredentialResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: CredentialTypeResponse }) type: CredentialTypeResponse;
  @ApiProperty({ example: 'SK-2026-000042' }) number: string;
  @ApiProperty() issuingAuthority: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'SIPIL' }) speciality:
    string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'RS Hasan Sadikin, Bandung',
    description: 'The place of practice, where its type is issued per place',
  })
  place: string | null;
  @ApiProperty({
    enum: CREDENTIAL_STATUSES,
    description: 'As of today: expiry is read from the dates',
  })
  status: CredentialStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) statusReason: string | null;
  @ApiProperty() statusChangedAt: Date;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Last day of the suspension in force (a suspension ends on its own after it)',
  })
  suspendedUntil: string | null;
  @ApiProperty({ enum: VERIFICATION_STATUSES }) verificationStatus: VerificationStatus;
  @ApiProperty() validFrom: string;
  @ApiPropertyOptional({ type: String, nullable: true }) validUntil: string | null;
  @ApiPropertyOptional({
    type: CredentialSuccessorResponse,
    nullable: true,
    description: 'On a superseded credential: the one that replaced it',
  })
  supersededBy: CredentialSuccessorResponse | null;
  @ApiProperty({ type: [CredentialPeriodResponse] }) periods: CredentialPeriodResponse[];
  @ApiProperty({ type: [CredentialEventResponse] }) events: CredentialEventResponse[];
  @ApiProperty() createdAt: Date;
}

export class CredentialPage extends PageOf(CredentialResponse) {}

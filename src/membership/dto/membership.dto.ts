import { SearchText } from 'src/common/validation/fields';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery } from 'src/common/paging';
import { CalendarDate, Text, trim } from 'src/common/validation/fields';
import { ArrearsResponse } from 'src/dues/dto/dues.dto';
import { ApplicationCategory } from 'src/membership/dto/membership-application.dto';
import { MEMBERSHIP_STATUSES, type MembershipStatus } from 'src/membership/membership-rules';

/** The statuses staff and members set by hand; active, grace and lapsed follow the dates. */
export const SETTABLE_STATUSES = [
  'suspended',
  'active',
  'revoked',
  'resigned',
  'deceased',
] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export class ChangeMembershipStatusDto {
  @ApiProperty({
    enum: SETTABLE_STATUSES,
    description: 'active lifts a suspension; members may only resign',
  })
  @IsIn(SETTABLE_STATUSES)
  readonly status: SettableStatus;

  @Text(2000, 'Suspended for 3 months by decision of the ethics council') readonly reason: string;

  @ApiPropertyOptional({ example: '2027-02-22', description: 'suspended only: last day' })
  @ValidateIf((dto: ChangeMembershipStatusDto) => dto.suspendedUntil !== undefined)
  @CalendarDate()
  readonly suspendedUntil?: string;

  @ApiPropertyOptional({
    example: '2026-11-20',
    description: 'When it took effect; today if absent',
  })
  @IsOptional()
  @CalendarDate({ notInFuture: true })
  readonly effectiveOn?: string;
}

export class DirectoryListingDto {
  @ApiProperty({ description: 'Show me in the public directory' })
  @IsBoolean()
  readonly listed: boolean;
}

export class MembershipsQuery extends PageQuery {
  @SearchText(100) readonly name?: string;

  @ApiPropertyOptional({ example: 'JKT-2026-000042' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(60)
  readonly memberNumber?: string;

  @ApiPropertyOptional({
    example: 'JKT-2026-000042',
    description:
      'Cursor: members after this number (the `next` of the previous page); fast at any depth',
  })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  readonly after?: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  readonly status?: MembershipStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  readonly categoryId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  readonly chapterId?: string;
}

export class MembershipPeriodResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-11-22' }) startsOn: string;
  @ApiProperty({ example: '2027-11-21' }) endsOn: string;
  @ApiProperty({ example: 'ORDINARY' }) category: string;
  @ApiProperty({ description: 'Counted toward the cover (dues settled)' }) granted: boolean;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) invoiceId: string | null;
}

export class MembershipStatusChangeResponse {
  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES, nullable: true }) from: string | null;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) to: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: '2026-11-22' }) effectiveOn: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Null: the daily status run' })
  actorAccountId: string | null;
  @ApiProperty() recordedAt: Date;
}

export class MembershipSuspensionResponse {
  @ApiProperty({
    enum: ['staff', 'sanction'],
    description: "Who suspended: staff by hand, or an ethics case's final sanction",
  })
  source: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: '2026-11-22' }) startsOn: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2027-02-21',
    description: 'The announced last day; null: until lifted',
  })
  endsOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The day it was lifted' })
  liftedOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) liftReason: string | null;
  @ApiProperty({ description: 'Holds today' }) holding: boolean;
}

export class MembershipSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'Siti Rahayu' }) fullName: string;
  @ApiProperty({ example: 'JKT-2026-000042' }) memberNumber: string;
  @ApiProperty({ type: ApplicationCategory }) category: ApplicationCategory;
  @ApiProperty({ format: 'uuid' }) chapterId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) speciality: string | null;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES, description: 'As of today, read from the dates' })
  status: MembershipStatus;
  @ApiProperty({ example: '2026-11-22' }) memberSince: string;
  @ApiProperty({ example: '2027-11-21' }) coveredUntil: string;
  @ApiProperty({ example: '2028-02-19', description: 'Last day of grace after the cover' })
  graceEndsOn: string;
}

export class MembershipResponse extends MembershipSummaryResponse {
  @ApiPropertyOptional({ type: String, nullable: true }) statusReason: string | null;
  @ApiProperty({ example: '2026-11-22' }) statusChangedOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) suspendedUntil: string | null;
  @ApiProperty() listedInDirectory: boolean;
  @ApiProperty({ type: [MembershipPeriodResponse] }) periods: MembershipPeriodResponse[];
  @ApiProperty({ type: [MembershipStatusChangeResponse] })
  statusChanges: MembershipStatusChangeResponse[];
  @ApiProperty({
    type: [MembershipSuspensionResponse],
    description: 'Every suspension kept, by source: the membership is suspended while any holds',
  })
  suspensions: MembershipSuspensionResponse[];
  @ApiProperty({ type: ArrearsResponse }) arrears: ArrearsResponse;
}

export class MembershipPage {
  @ApiProperty({ type: [MembershipSummaryResponse] }) items: MembershipSummaryResponse[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 50 }) pageSize: number;
  @ApiProperty({ description: 'Another page follows' }) hasMore: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last one',
  })
  next: string | null;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 1000,
    description:
      'Members in the register, counted up to 1,000, on the unfiltered list only: counting more, or counting a search, would cost more than the page',
  })
  total: number | null;
}

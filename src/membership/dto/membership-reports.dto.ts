import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';
import { MembershipSummaryResponse } from 'src/membership/dto/membership.dto';
import { MEMBERSHIP_STATUSES } from 'src/membership/membership-rules';

export class StatusCount {
  @ApiProperty({ enum: MEMBERSHIP_STATUSES }) status: string;
  @ApiProperty({ example: 1200 }) count: number;
}

export class GroupCount {
  @ApiProperty({ example: 'JKT' }) code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'DOKTER',
    description: "A category's profession (its code is that profession's own)",
  })
  profession?: string | null;
  @ApiProperty({ example: 1500 }) total: number;
  @ApiProperty({ type: [StatusCount] }) byStatus: StatusCount[];
}

export class MembershipCountsResponse {
  @ApiProperty({ example: '2026-11-22' }) asOf: string;
  @ApiProperty({ example: 3000 }) total: number;
  @ApiProperty({ type: [StatusCount] }) byStatus: StatusCount[];
  @ApiProperty({ type: [GroupCount] }) byCategory: GroupCount[];
  @ApiProperty({ type: [GroupCount] }) byChapter: GroupCount[];
}

export class UpcomingQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  readonly days: number = 30;
}

export const UPCOMING_EVENTS = ['enters_grace', 'lapses'] as const;

export class UpcomingChange {
  @ApiProperty({ format: 'uuid' }) membershipId: string;
  @ApiProperty({ example: 'JKT-2026-000042' }) memberNumber: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ example: 'JKT' }) chapterCode: string;
  @ApiProperty({ example: 'ORDINARY' }) category: string;
  @ApiProperty({ enum: UPCOMING_EVENTS }) event: (typeof UPCOMING_EVENTS)[number];
  @ApiProperty({ example: '2026-12-01', description: 'The day it happens unless dues are paid' })
  on: string;
}

export class UpcomingResponse {
  @ApiProperty({ example: '2026-11-22' }) from: string;
  @ApiProperty({ example: '2026-12-22' }) to: string;
  @ApiProperty({ type: [UpcomingChange] }) items: UpcomingChange[];
}

export class UnpledgedQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'DOKTER', description: "One profession's members only" })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_-]{0,39}$/, {
    message: 'profession must be a profession code such as DOKTER',
  })
  readonly profession?: string;
}

export class UnpledgedMemberResponse extends MembershipSummaryResponse {
  @ApiPropertyOptional({ type: String, nullable: true, example: 'DOKTER' }) profession:
    string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'KODEKI-2012',
    description: 'The version of the code in force that the member has not pledged to',
  })
  codeVersion: string | null;
}

export class UnpledgedPage extends PageOf(UnpledgedMemberResponse) {
  @ApiPropertyOptional({ type: String, example: 'KODEKI-2012', nullable: true }) version:
    string | null;
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CalendarDate, DecimalNumber, Text } from 'src/common/validation/fields';
import { PageOf, PageQuery } from 'src/common/paging';
import {
  CPD_CLAIM_DECISIONS,
  CPD_CLAIM_STATUSES,
  type CpdClaimDecision,
  type CpdClaimStatus,
  YEAR_STATES,
  type YearState,
} from 'src/cpd/cpd-rules';

const CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;
const KEY = /^[a-z][a-z0-9_-]{0,39}$/;
const KEY_MESSAGE = (field: string) => `${field} must be 1-40 lower-case letters, digits, _ or -`;

/** A domain or category code of the CPD policies: lower-case, as the rules name them. */
const Key = (field: string, example: string, description?: string) =>
  applyDecorators(
    ApiProperty({ example, description }),
    Matches(KEY, { message: KEY_MESSAGE(field) }),
  );
const OptionalKey = (field: string, example: string) =>
  applyDecorators(
    ApiPropertyOptional({ example }),
    IsOptional(),
    Matches(KEY, { message: KEY_MESSAGE(field) }),
  );

/** A figure of the rules: two decimals at most, from 0 to `max`. */
/** Which profession's policy a code names, where several professions have one of that code. */
const PolicyProfession = () =>
  applyDecorators(
    ApiPropertyOptional({
      example: 'DOKTER',
      description: 'The profession whose policy is meant, where several have one of that code',
    }),
    IsOptional(),
    Matches(CODE, { message: 'profession must be a profession code such as DOKTER' }),
  );

const Amount = (max: number) => applyDecorators(DecimalNumber(2), Min(0), Max(max));

/** Credits have two decimals at most, up to 99,999.99. */
const Credits = () => applyDecorators(DecimalNumber(2, { min: 0.01, max: 99_999.99 }));

export class CpdDomainRuleDto {
  @Key('code', 'learning')
  readonly code: string;

  @Text(200, 'Learning') readonly name: string;

  @ApiPropertyOptional({ example: 45, description: 'Its share of the total, in percent' })
  @IsOptional()
  @Amount(100)
  readonly sharePercent?: number;

  @ApiPropertyOptional({ example: 50, description: 'A fixed minimum instead of a share' })
  @IsOptional()
  @Amount(99_999.99)
  readonly minimumCredits?: number;

  @ApiPropertyOptional({ example: 150, description: 'The most this domain counts' })
  @IsOptional()
  @Amount(99_999.99)
  readonly capCredits?: number;

  @ApiPropertyOptional({ description: 'Takes what the other domains earn beyond their share' })
  @IsOptional()
  @IsBoolean()
  readonly takesOverflow?: boolean;
}

export class CpdYearlyMinimumDto {
  @Key('domain', 'learning')
  readonly domain: string;

  @ApiProperty({ example: 20 })
  @Amount(100)
  readonly percentOfDomain: number;
}

export class CpdCategoryCapDto {
  @Key('category', 'seminar')
  readonly category: string;

  @ApiProperty({ example: 25 })
  @Amount(99_999.99)
  readonly capCredits: number;
}

export class CpdStandInDto {
  @ApiProperty({ example: 'UKOM', description: 'The credential type its passing is recorded as' })
  @Matches(CODE, { message: 'credentialTypeCode must be 1-40 upper-case letters, digits, _ or -' })
  readonly credentialTypeCode: string;

  @Text(200, 'Competence exam (uji kompetensi)') readonly name: string;
}

export class CpdPolicyRulesDto {
  @ApiProperty({ example: 60 })
  @IsInt()
  @Min(1)
  @Max(240)
  readonly cycleMonths: number;

  @ApiProperty({ example: 250 })
  @Amount(99_999.99)
  readonly totalCredits: number;

  @ApiProperty({ type: [CpdDomainRuleDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CpdDomainRuleDto)
  readonly domains: CpdDomainRuleDto[];

  @ApiPropertyOptional({ type: CpdYearlyMinimumDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CpdYearlyMinimumDto)
  readonly yearlyMinimum?: CpdYearlyMinimumDto;

  @ApiPropertyOptional({ type: [CpdCategoryCapDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CpdCategoryCapDto)
  readonly categoryCaps?: CpdCategoryCapDto[];

  @ApiPropertyOptional({
    example: 25,
    description: 'The most credits that carry into the next cycle',
  })
  @IsOptional()
  @Amount(99_999.99)
  readonly carryOverCredits?: number;

  @ApiPropertyOptional({
    type: [CpdStandInDto],
    description:
      'What may stand in for the credits a cycle is short of: a credential passed since the cycle began',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => CpdStandInDto)
  readonly standIns?: CpdStandInDto[];
}

export class CreateCpdPolicyDto {
  @ApiProperty({ example: 'SKP_SIP', description: 'The policy; its versions share the code' })
  @Matches(CODE, { message: 'code must be 1-40 upper-case letters, digits, _ or -' })
  readonly code: string;

  @Text(200, 'SKP per SIP cycle (KMK 1561/2024)') readonly name: string;

  @ApiProperty({
    example: '2024-01-01',
    description: 'Cycles beginning on or after it read this version',
  })
  @CalendarDate()
  readonly effectiveFrom: string;

  @ApiPropertyOptional({
    example: 'DOKTER',
    description:
      "The profession whose policy this is (left out: that of the type or category it follows, where only one profession has that code; else every profession's)",
  })
  @IsOptional()
  @Matches(CODE, { message: 'profession must be a profession code such as DOKTER' })
  readonly profession?: string;

  @ApiPropertyOptional({
    example: 'SIP',
    description: "The credential type whose validity is the cycle (each holder's own)",
  })
  @IsOptional()
  @Matches(CODE, { message: 'credentialTypeCode must be a credential type code' })
  readonly credentialTypeCode?: string;

  @ApiPropertyOptional({
    example: 'SPECIALIST',
    description:
      'Or the membership category whose members it binds: cycles run back to back from the day membership began',
  })
  @IsOptional()
  @Matches(CODE, { message: 'membershipCategoryCode must be a membership category code' })
  readonly membershipCategoryCode?: string;

  @ApiPropertyOptional({
    example: 'Bedah (surgery)',
    description: 'Or the speciality whose members it binds (as their membership records it)',
  })
  @IsOptional()
  @Text(120, 'Bedah (surgery)')
  readonly speciality?: string;

  @ApiProperty({ type: CpdPolicyRulesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => CpdPolicyRulesDto)
  readonly rules: CpdPolicyRulesDto;
}

export class CpdPolicyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() effectiveFrom: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) professionId:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'DOKTER' }) profession:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) credentialTypeCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) membershipCategoryCode: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) speciality: string | null;
  @ApiProperty({ type: CpdPolicyRulesDto }) rules: CpdPolicyRulesDto;
}

export class SubmitCpdClaimDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only: whose claim it is' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @Text(300, 'Taught a course on emergency obstetrics at RSUD Kupang') readonly title: string;

  @Key('domain', 'learning', 'A domain of the CPD policies')
  readonly domain: string;

  @Key('category', 'teaching')
  readonly category: string;

  @ApiProperty({ example: '2026-10-14' })
  @CalendarDate({ notInFuture: true })
  readonly earnedOn: string;

  @ApiProperty({ example: 4, description: 'The credits claimed' })
  @Credits()
  readonly credits: number;
}

/** A claim sent back for more information, sent again with what was asked (any field may change). */
export class ResubmitCpdClaimDto {
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Text(300, 'Taught a course on emergency obstetrics (with the hospital letter)')
  readonly title?: string;

  @OptionalKey('domain', 'learning')
  readonly domain?: string;

  @OptionalKey('category', 'teaching')
  readonly category?: string;

  @ApiPropertyOptional({ example: '2026-10-14' })
  @IsOptional()
  @CalendarDate({ notInFuture: true })
  readonly earnedOn?: string;

  @ApiPropertyOptional({ example: 4 })
  @IsOptional()
  @Credits()
  readonly credits?: number;
}

export class DecideCpdClaimDto {
  @ApiProperty({ enum: CPD_CLAIM_DECISIONS })
  @IsIn(CPD_CLAIM_DECISIONS)
  readonly decision: CpdClaimDecision;

  @Text(2000, 'Teaching counts as learning; the letter confirms 4 hours') readonly reason: string;

  @ApiPropertyOptional({
    example: 3,
    description: 'Approval: the credits granted, if not those claimed',
  })
  @IsOptional()
  @Credits()
  readonly creditsGranted?: number;
}

export class CpdClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members see their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @ApiPropertyOptional({ enum: CPD_CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CPD_CLAIM_STATUSES)
  readonly status?: CpdClaimStatus;
}

/** What an activity was, as a claim, a credit and an accredited activity say it. */
class ActivityFacts {
  @ApiProperty() title: string;
  @ApiProperty({ example: 'learning' }) domain: string;
  @ApiProperty({ example: 'seminar' }) category: string;
}

export class CpdClaimResponse extends ActivityFacts {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() earnedOn: string;
  @ApiProperty() creditsClaimed: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) creditsGranted: number | null;
  @ApiProperty({ enum: CPD_CLAIM_STATUSES }) status: CpdClaimStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) statusReason: string | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) decidedAt: Date | null;
  @ApiProperty() submittedAt: Date;
}

export class CpdClaimPage extends PageOf(CpdClaimResponse) {}

export class TranscriptQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members read their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;
}

export class DomainFiguresResponse {
  @ApiProperty({ example: 'learning' }) domain: string;
  @ApiProperty() name: string;
  @ApiProperty() required: number;
  @ApiProperty() earned: number;
  @ApiProperty({ description: 'After caps and shares, up to what the domain requires' })
  counted: number;
  @ApiProperty() remaining: number;
  @ApiProperty({ description: 'Counted beyond what the domain requires' }) surplus: number;
  @ApiProperty({ type: [String], description: 'The credits behind the figure' })
  creditIds: string[];
}

export class YearFiguresResponse {
  @ApiProperty() year: number;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() domain: string;
  @ApiProperty() required: number;
  @ApiProperty() earned: number;
  @ApiProperty({ description: 'Earned what the year needs' }) met: boolean;
  @ApiProperty({
    enum: YEAR_STATES,
    description:
      'met or short once the year has ended; running while it runs (credits to go, not a shortfall); not-begun before it',
  })
  state: YearState;
  @ApiProperty({ description: 'What the year still needs by its last day' }) toGo: number;
}

export class StandInResponse {
  @ApiProperty({ example: 'UKOM' }) credentialType: string;
  @ApiProperty({ example: 'Competence exam (uji kompetensi)' }) name: string;
  @ApiProperty() number: string;
  @ApiProperty() passedOn: string;
}

/** Where a person stands on one obligation's cycle. */
class ObligationFigures {
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty() required: number;
  @ApiProperty() counted: number;
  @ApiProperty() remaining: number;
  @ApiProperty({ type: [String], example: ['learning 38/112.5 credits'] }) shortfalls: string[];
}

export class ObligationResponse extends ObligationFigures {
  @ApiProperty({
    description:
      'Counted beyond the total: carriesOut of it carries into the next cycle, the rest lapses',
  })
  surplus: number;
  @ApiProperty({
    type: [String],
    example: ['learning in year 2: 12.5 to go by 2026-12-31'],
    description: 'What the year running still needs: to go, not a shortfall',
  })
  toGo: string[];
  @ApiPropertyOptional({
    type: StandInResponse,
    nullable: true,
    description: 'What stood in for the credits the cycle is short of, making it met',
  })
  standIn: StandInResponse | null;
  @ApiProperty({ description: 'Credits carried in from the cycle before, counted in this one' })
  carriedIn: number;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The credential whose cycle, ending the day before this one began, carried them',
  })
  carriedFrom: string | null;
  @ApiProperty({ description: 'Credits beyond the total that carry into the next cycle' })
  carriesOut: number;
  @ApiProperty({
    enum: ['cycle', 'membership', 'remedial'],
    description:
      "A credential's cycle, a membership's cycle (its category or speciality), or remedial training an ethics decision imposed",
  })
  kind: 'cycle' | 'membership' | 'remedial';
  @ApiProperty({ example: 'SKP_SIP', description: 'The policy, or the remedial sanction' })
  policy: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2024-01-01',
    description: 'The version the cycle is read under',
  })
  policyVersion: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'SIP' }) credentialType:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) credentialNumber: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) memberNumber: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) caseId: string | null;
  @ApiProperty({ type: [DomainFiguresResponse] }) domains: DomainFiguresResponse[];
  @ApiProperty({ type: [YearFiguresResponse] }) years: YearFiguresResponse[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) notCounted: {
    creditId: string;
    credits: number;
    reason: string;
  }[];
  @ApiProperty() met: boolean;
}

export class PlannedActivityDto {
  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Text(300, 'Annual congress 2027')
  readonly title?: string;

  @Key('domain', 'learning')
  readonly domain: string;

  @Key('category', 'seminar')
  readonly category: string;

  @ApiProperty({ example: '2027-03-10', description: 'It may lie ahead' })
  @CalendarDate()
  readonly earnedOn: string;

  @ApiProperty({ example: 6 })
  @Credits()
  readonly credits: number;
}

export class WhatIfDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members ask about their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @ApiProperty({ type: [PlannedActivityDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PlannedActivityDto)
  readonly activities: PlannedActivityDto[];
}

export class CpdCreditResponse extends ActivityFacts {
  @ApiProperty({
    example: '2b7c5d0e-0f0a-4e1b-9c3d-1a2b3c4d5e6f',
    description: 'what-if-N: a planned activity',
  })
  id: string;
  @ApiProperty() earnedOn: string;
  @ApiProperty() credits: number;
  @ApiProperty({ example: 'claim', description: 'what_if: a planned activity, not recorded' })
  source: string;
}

export class TranscriptResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: '2026-12-02' }) asOf: string;
  @ApiProperty({ type: [ObligationResponse] }) obligations: ObligationResponse[];
  @ApiProperty({ type: [CpdCreditResponse] }) credits: CpdCreditResponse[];
}

export class CreateCpdProviderDto {
  @Text(200, 'Perhimpunan Dokter Spesialis Penyakit Dalam') readonly name: string;

  @ApiProperty({ example: '2026-01-01' })
  @CalendarDate()
  readonly accreditedFrom: string;

  @ApiProperty({ example: '2028-12-31' })
  @CalendarDate()
  readonly accreditedUntil: string;
}

export class CpdProviderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() accreditedFrom: string;
  @ApiProperty() accreditedUntil: string;
}

export class CreatedCpdProviderResponse extends CpdProviderResponse {
  @ApiProperty({
    description: 'Shown once: the key the provider reports attendance with (X-API-Key)',
  })
  apiKey: string;
}

export class CreateCpdActivityDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly providerId: string;

  @Text(300, 'Annual scientific meeting of internal medicine') readonly title: string;

  @Key('domain', 'learning')
  readonly domain: string;

  @Key('category', 'seminar')
  readonly category: string;

  @ApiProperty({ example: 6 })
  @Credits()
  readonly credits: number;

  @ApiProperty({ example: '2026-11-20' })
  @CalendarDate()
  readonly startsOn: string;

  @ApiProperty({ example: '2026-11-21' })
  @CalendarDate()
  readonly endsOn: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Text(200, 'Hotel Borobudur, Jakarta')
  readonly place?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  readonly online?: boolean;

  @ApiPropertyOptional({ example: 500 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  readonly capacity?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Attendees may be awarded part of the credits',
  })
  @IsOptional()
  @IsBoolean()
  readonly partialCredit?: boolean;
}

export class CpdActivityResponse extends ActivityFacts {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) providerId: string;
  @ApiProperty() credits: number;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) place: string | null;
  @ApiProperty() online: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true }) capacity: number | null;
  @ApiProperty() partialCredit: boolean;
}

export class AttendeeDto {
  @ApiProperty({ example: 'JKT-2026-000123', description: 'A member number or credential number' })
  @Text(100, 'JKT-2026-000123')
  readonly number: string;

  @ApiPropertyOptional({
    example: 3,
    description: 'Part of the credits, where the activity allows',
  })
  @IsOptional()
  @Credits()
  readonly credits?: number;
}

export const ROSTER_MAX = 10_000;

export class RosterDto {
  @ApiProperty({ type: [AttendeeDto], maxItems: ROSTER_MAX })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROSTER_MAX)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  readonly attendees: AttendeeDto[];
}

/** A roster's shape, checked before its rows are (each on its own, so every bad one is named). */
export class RosterShapeDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROSTER_MAX)
  readonly attendees: unknown[];
}

export class RosterResponse {
  @ApiProperty({ description: 'Credits awarded now' }) recorded: number;
  @ApiProperty({ description: 'Attendees already recorded (sent before): nothing new' })
  alreadyRecorded: number;
}

export class DrawCpdAuditDto {
  @ApiProperty({ example: 'SKP_SIP', description: 'The policy whose holders are audited' })
  @Matches(CODE, { message: 'policy must be a CPD policy code' })
  readonly policy: string;

  @PolicyProfession() readonly profession?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Holders on this day (today)' })
  @IsOptional()
  @CalendarDate()
  readonly asOf?: string;

  @ApiProperty({ example: 5, description: 'The share of holders drawn, in percent (rounded up)' })
  @DecimalNumber(2)
  @Min(0.01)
  @Max(100)
  readonly sharePercent: number;

  @ApiPropertyOptional({
    example: 'audit-2026',
    description: 'Draw again from a seed to reproduce a draw; a new one is made when absent',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'seed must be 1-64 letters, digits, _ or -' })
  readonly seed?: string;
}

export class CpdAuditMemberResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: ['pending', 'passed', 'failed'] }) outcome: string;
  @ApiPropertyOptional({ type: String, nullable: true }) outcomeReason: string | null;
}

export class CpdAuditResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() policy: string;
  @ApiProperty() asOf: string;
  @ApiProperty() sharePercent: number;
  @ApiProperty({ description: 'Draw again with it to pick the same people' }) seed: string;
  @ApiProperty({ description: 'How many holders the draw was made from' }) population: number;
  @ApiProperty({ type: [CpdAuditMemberResponse] }) members: CpdAuditMemberResponse[];
}

export class RemoveCpdCreditDto {
  @Text(2000, 'No certificate of attendance could be shown') readonly reason: string;
}

export class CpdAuditOutcomeDto {
  @ApiProperty({ enum: ['passed', 'failed'] })
  @IsIn(['passed', 'failed'])
  readonly outcome: 'passed' | 'failed';

  @Text(2000, 'Every credit confirmed but one, removed') readonly reason: string;
}

export class ComplianceQuery {
  @ApiProperty({ example: 'SKP_SIP' })
  @Matches(CODE, { message: 'policy must be a CPD policy code' })
  readonly policy: string;

  @PolicyProfession() readonly profession?: string;

  @ApiPropertyOptional({ example: 100, description: 'JSON: how many rows at most (CSV: all)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  readonly limit?: number;
}

export class ComplianceDomainFigures {
  @ApiProperty({ example: 'learning' }) domain: string;
  @ApiProperty() required: number;
  @ApiProperty({ description: 'After caps and shares' }) counted: number;
  @ApiProperty() remaining: number;
}

export class ComplianceRow extends ObligationFigures {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "The credential whose cycle it is (a credential type's policy)",
  })
  credentialNumber: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "The member's number (a membership category's or speciality's policy)",
  })
  memberNumber: string | null;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ type: [ComplianceDomainFigures], description: 'Each domain of the policy' })
  domains: ComplianceDomainFigures[];
}

export class ComplianceResponse {
  @ApiProperty() policy: string;
  @ApiProperty() asOf: string;
  @ApiProperty({
    type: [ComplianceRow],
    description: 'Those behind, by credential or member number',
  })
  items: ComplianceRow[];
  @ApiProperty({ description: 'More are behind than the limit shows: ask for the CSV' })
  truncated: boolean;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';
import { CalendarDate, DecimalNumber, Text, trim } from 'src/common/validation/fields';
import {
  HOURS_DECISIONS,
  HOURS_STATUSES,
  PROGRAM_AUDIENCES,
  PROGRAM_STATUSES,
  PROPOSAL_DECISIONS,
  PROPOSAL_STATUSES,
  SIGNUP_STATUSES,
  VOLUNTEER_DECISIONS,
  VOLUNTEER_STATUSES,
  type HoursDecision,
  type HoursRecordedBy,
  type HoursStatus,
  type ProgramAudience,
  type ProgramStatus,
  type ProposalDecision,
  type ProposalStatus,
  type SignupStatus,
  type VolunteerDecision,
  type VolunteerStatus,
} from 'src/volunteering/volunteering-rules';

const KEY = /^[a-z][a-z0-9_-]{0,39}$/;

export class CreateProgramDto {
  @Text(200, 'Health camp, Sumba Timur') readonly title: string;
  @ApiProperty({ example: 'Free check-ups and vaccinations in four villages', maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  readonly description: string;
  @Text(120, 'Rural health') readonly cause: string;
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  readonly chapterId?: string;
  @Text(200, 'Waingapu, Sumba Timur') readonly place: string;
  @ApiProperty({ example: '2027-02-01' }) @CalendarDate() readonly startsOn: string;
  @ApiProperty({ example: '2027-02-07' }) @CalendarDate() readonly endsOn: string;
  @ApiProperty({ enum: PROGRAM_AUDIENCES, description: 'members only, or anyone' })
  @IsIn(PROGRAM_AUDIENCES)
  readonly openTo: ProgramAudience;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A credential type every volunteer must hold, valid (a licence)',
  })
  @IsOptional()
  @IsUUID()
  readonly requiredCredentialTypeId?: string;
}

export class UpdateProgramDto {
  @ApiProperty({ enum: PROGRAM_STATUSES, description: 'A closed program takes no one new' })
  @IsIn(PROGRAM_STATUSES)
  readonly status: ProgramStatus;
}

export class CreateShiftDto {
  @Text(120, 'Triage nurse') readonly role: string;
  @ApiProperty({ example: '2027-02-01T08:00:00+08:00' })
  @IsDateString({ strict: true })
  readonly startsAt: string;
  @ApiProperty({ example: '2027-02-01T14:00:00+08:00' })
  @IsDateString({ strict: true })
  readonly endsAt: string;
  @ApiProperty({ example: 12, minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10000)
  readonly capacity: number;
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Text(200, 'Puskesmas Kambera')
  readonly place?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The role needs this credential, valid' })
  @IsOptional()
  @IsUUID()
  readonly requiredCredentialTypeId?: string;
}

export class ApplyDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only: who applies' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Text(2000, 'I am a midwife from Waingapu and speak Kambera')
  readonly motivation?: string;
}

export class DecideVolunteerDto {
  @ApiProperty({ enum: VOLUNTEER_DECISIONS })
  @IsIn(VOLUNTEER_DECISIONS)
  readonly decision: VolunteerDecision;
  @ApiPropertyOptional({ maxLength: 2000, description: 'Needed to archive' })
  @IsOptional()
  @Text(2000, 'Program ended')
  readonly reason?: string;
}

export class VolunteersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() readonly programId?: string;
  @ApiPropertyOptional({ enum: VOLUNTEER_STATUSES })
  @IsOptional()
  @IsIn(VOLUNTEER_STATUSES)
  readonly status?: VolunteerStatus;
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members see their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;
}

export class SignUpDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only: the volunteer signed up' })
  @IsOptional()
  @IsUUID()
  readonly volunteerId?: string;
}

export class LogHoursDto {
  @ApiProperty({ example: '2027-02-01' }) @CalendarDate() readonly workedOn: string;
  @ApiProperty({ example: 6, minimum: 0.01, maximum: 24 })
  @DecimalNumber(2)
  @Min(0.01)
  @Max(24)
  readonly hours: number;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() readonly shiftId?: string;
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Text(2000, 'Triage at the Kambera post')
  readonly note?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The entry this one corrects; once approved, it takes that one’s place',
  })
  @IsOptional()
  @IsUUID()
  readonly correctsId?: string;
}

export class DecideHoursDto {
  @ApiProperty({ enum: HOURS_DECISIONS }) @IsIn(HOURS_DECISIONS) readonly decision: HoursDecision;
  @ApiPropertyOptional({ maxLength: 2000, description: 'Needed to decline' })
  @IsOptional()
  @Text(2000, 'Not on the shift roster that day')
  readonly reason?: string;
}

export class HoursQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() readonly programId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() readonly volunteerId?: string;
  @ApiPropertyOptional({ enum: HOURS_STATUSES })
  @IsOptional()
  @IsIn(HOURS_STATUSES)
  readonly status?: HoursStatus;
}

export class DecideProposalDto {
  @ApiProperty({ enum: PROPOSAL_DECISIONS })
  @IsIn(PROPOSAL_DECISIONS)
  readonly decision: ProposalDecision;
}

export class ProposalsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members see their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  readonly status?: ProposalStatus;
}

export class CreateCreditRuleDto {
  @ApiProperty({ example: '2027-01-01' }) @CalendarDate() readonly effectiveFrom: string;
  @ApiProperty({ example: 2, description: 'Hours of volunteering for one credit' })
  @DecimalNumber(2)
  @Min(0.01)
  @Max(999.99)
  readonly hoursPerCredit: number;
  @ApiProperty({ example: 'community' })
  @Matches(KEY, { message: 'domain must be 1-40 lower-case letters, digits, _ or -' })
  readonly domain: string;
  @ApiProperty({ example: 'volunteering' })
  @Matches(KEY, { message: 'category must be 1-40 lower-case letters, digits, _ or -' })
  readonly category: string;
}

export const HOURS_REPORT_GROUPS = ['program', 'chapter', 'person'] as const;
export type HoursReportGroup = (typeof HOURS_REPORT_GROUPS)[number];

export class HoursReportQuery {
  @ApiProperty({ enum: HOURS_REPORT_GROUPS })
  @IsIn(HOURS_REPORT_GROUPS)
  readonly by: HoursReportGroup;
  @ApiPropertyOptional({ example: '2027-01-01' })
  @IsOptional()
  @CalendarDate()
  readonly from?: string;
  @ApiPropertyOptional({ example: '2027-12-31' })
  @IsOptional()
  @CalendarDate()
  readonly to?: string;
}

export class ProgramResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty() cause: string;
  @ApiPropertyOptional({ type: String, nullable: true }) chapter: string | null;
  @ApiProperty() place: string;
  @ApiProperty({ example: '2027-02-01' }) startsOn: string;
  @ApiProperty({ example: '2027-02-07' }) endsOn: string;
  @ApiProperty({ enum: PROGRAM_AUDIENCES }) openTo: ProgramAudience;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The credential needed' })
  requires: string | null;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status: ProgramStatus;
}

export class ProgramPage extends PageOf(ProgramResponse) {}

export class ShiftResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() role: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiPropertyOptional({ type: String, nullable: true }) place: string | null;
  @ApiProperty() capacity: number;
  @ApiProperty() confirmed: number;
  @ApiProperty() waiting: number;
  @ApiPropertyOptional({ type: String, nullable: true }) requires: string | null;
}

export class PublicProgramResponse extends ProgramResponse {
  @ApiProperty({ type: [ShiftResponse] }) shifts: ShiftResponse[];
}

export class VolunteerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty() programTitle: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: VOLUNTEER_STATUSES }) status: VolunteerStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) motivation: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() appliedAt: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) decidedAt: Date | null;
}

export class VolunteerPage extends PageOf(VolunteerResponse) {}

export class SignupResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) shiftId: string;
  @ApiProperty({ format: 'uuid' }) volunteerId: string;
  @ApiProperty({ enum: SIGNUP_STATUSES }) status: SignupStatus;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Place on the waiting list, 1 first',
  })
  waitingPosition: number | null;
  @ApiProperty() signedUpAt: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) promotedAt: Date | null;
  @ApiPropertyOptional({ type: Date, nullable: true }) cancelledAt: Date | null;
}

export class HoursResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) volunteerId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) shiftId: string | null;
  @ApiProperty({ example: '2027-02-01' }) workedOn: string;
  @ApiProperty({ example: 6 }) hours: number;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: ['volunteer', 'coordinator'] }) recordedBy: HoursRecordedBy;
  @ApiProperty({ enum: HOURS_STATUSES }) status: HoursStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) correctsId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) supersededById:
    string | null;
  @ApiProperty() loggedAt: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) decidedAt: Date | null;
}

export class HoursPage extends PageOf(HoursResponse) {}

export class ProposalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) hoursId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 'community' }) domain: string;
  @ApiProperty({ example: 'volunteering' }) category: string;
  @ApiProperty({ example: '2027-02-01' }) earnedOn: string;
  @ApiProperty({ example: 3 }) credits: number;
  @ApiProperty({ enum: PROPOSAL_STATUSES }) status: ProposalStatus;
  @ApiProperty() proposedAt: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) decidedAt: Date | null;
}

export class ProposalPage extends PageOf(ProposalResponse) {}

export class CreditRuleResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2000-01-01' }) effectiveFrom: string;
  @ApiProperty({ example: 2 }) hoursPerCredit: number;
  @ApiProperty({ example: 'community' }) domain: string;
  @ApiProperty({ example: 'volunteering' }) category: string;
}

export class CalendarFeedResponse {
  @ApiProperty({
    description: 'The feed to subscribe to; shown once, a new one replaces it',
    example: 'https://idi.example/volunteering/calendar/3f1c…',
  })
  url: string;
}

export class HoursReportRow {
  @ApiProperty({ description: 'The program, chapter or person' }) key: string;
  @ApiProperty() name: string;
  @ApiProperty() volunteers: number;
  @ApiProperty() entries: number;
  @ApiProperty() hours: number;
}

import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmpty,
  IsEmail,
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  Matches,
  Max,
  Min,
  IsOptional,
  IsUUID,
  MaxLength,
  ValidateNested,
  IsObject,
} from 'class-validator';
import {
  ASSIGNMENT_ROLES,
  CASE_EVENT_KINDS,
  CASE_BODIES,
  CASE_STATUSES,
  APPEAL_OUTCOMES,
  ETHICS_STANDINGS,
  type EthicsStanding,
  SANCTION_EFFECTS,
  SANCTION_STAGES,
  SANCTION_RULINGS,
  type SanctionRuling,
  type AppealOutcome,
  type SanctionEffect,
  type SanctionStage,
  type AssignmentRole,
  type CaseEventKind,
  type CaseBody,
  type CaseStatus,
} from 'src/cases/case-rules';
import type { ClockRule } from 'src/cases/case-clocks';
import { PageOf, PageQuery } from 'src/common/paging';
import { AsOfDay, CalendarDate, OptionalText, Text } from 'src/common/validation/fields';

export class ComplainantDto {
  @Text(200, 'Budi Santoso') readonly name: string;

  @ApiPropertyOptional({ example: 'budi@example.org', maxLength: 254 })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  readonly email?: string;

  @OptionalText(40, '+62 812 3456 7890') readonly phone?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Whether the respondent may see who lodged the complaint',
  })
  @IsOptional()
  @IsBoolean()
  readonly discloseToRespondent?: boolean;
}

/** Whom the complaint is about: by member number or credential number (the public must give one). */
export class RespondentDto {
  @OptionalText(100, 'JKT-2026-000123') readonly memberNumber?: string;
  @OptionalText(100, 'SK-2026-000042') readonly credentialNumber?: string;
  @OptionalText(200, 'dr. Andi Wijaya') readonly name?: string;
}

export class LodgeComplaintDto {
  @ApiProperty({ type: ComplainantDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ComplainantDto)
  readonly complainant: ComplainantDto;

  @ApiProperty({ type: RespondentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RespondentDto)
  readonly respondent: RespondentDto;

  @Text(20_000, 'Issued a sick note without examining the patient') readonly whatHappened: string;

  @ApiPropertyOptional({ example: '2026-10-14', description: 'When it happened, if known' })
  @IsOptional()
  @CalendarDate({ notInFuture: true })
  readonly happenedOn?: string;
}

/** Staff lodge for a complainant, and may name the professional by person record or name. */
export class LodgeOnBehalfDto extends LodgeComplaintDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The professional, matched by staff' })
  @IsOptional()
  @IsUUID()
  readonly respondentPersonId?: string;
}

export class ComplaintReceipt {
  @ApiProperty({ example: 'ADU-7K3M9QTX' }) reference: string;
  @ApiProperty() lodgedAt: Date;
  @ApiProperty({
    example: 'q8Xb1u0mJ4c2r8v1kP0aZt9yW3nL5hQe',
    description:
      'Shown once: send it in the Complaint-Key header to add evidence files to the complaint while its case is open',
  })
  evidenceKey: string;
  @ApiProperty({ example: '/cases/complaints/ADU-7K3M9QTX/evidence' }) evidenceUrl: string;
  @ApiProperty({ description: 'A short receipt for the complainant' }) receipt: string;
}

/** Staff match a complaint that named the professional by name alone to their person record. */
export class MatchRespondentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  readonly personId: string;

  @Text(2000, 'Matched by name, chapter and practice address') readonly reason: string;
}

const CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;

/** The profession whose ethics configuration is asked for. */
export class ProfessionQuery {
  @ApiPropertyOptional({
    example: 'DOKTER',
    description:
      "A profession's code: what holds for its cases (its own, and those of no profession where it has none of its own)",
  })
  @IsOptional()
  @Matches(CODE, { message: 'profession must be a profession code such as DOKTER' })
  readonly profession?: string;
}

const professionField = (what: string) =>
  ApiPropertyOptional({
    format: 'uuid',
    description: `The profession whose ${what} this is; left out, it holds for every profession that has none of its own`,
  });

export class CreateSanctionTypeDto {
  @ApiProperty({ example: 'SKORSING', description: 'Upper-case letters, digits, _ and -' })
  @Matches(CODE, { message: 'code must be 1-40 upper-case letters, digits, _ or -' })
  readonly code: string;

  @professionField('sanction')
  @IsOptional()
  @IsUUID()
  readonly professionId?: string;

  @Text(200, 'Skorsing (suspension)') readonly name: string;

  @ApiProperty({ enum: SANCTION_EFFECTS, description: 'What it does when the case is final' })
  @IsIn(SANCTION_EFFECTS)
  readonly effect: SanctionEffect;

  @ApiPropertyOptional({ example: 3, description: 'A suspension: its shortest term in months' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  readonly minMonths?: number;

  @ApiPropertyOptional({ example: 12, description: 'A suspension: its longest term in months' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  readonly maxMonths?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Shown in the public answer with its dates (suspension, revocation)',
  })
  @IsOptional()
  @IsBoolean()
  readonly public?: boolean;

  @ApiPropertyOptional({
    example: 'Muktamar IDI',
    description:
      'The body that decides it where the panel only proposes it: a decision imposing it takes effect once that body upholds it',
  })
  @IsOptional()
  @Text(200, 'Muktamar IDI')
  readonly decidedBy?: string;
}

/**
 * A sanction type corrected: its name, its term's bounds, whether the public sees it, whether it
 * is in use. Its code, effect and profession never change: sanctions decided under it keep them.
 */
export class UpdateSanctionTypeDto extends PartialType(
  OmitType(CreateSanctionTypeDto, ['code', 'effect', 'professionId'] as const),
) {
  @ApiPropertyOptional({ description: 'False: no new decision imposes it; what was decided stays' })
  @IsOptional()
  @IsBoolean()
  readonly active?: boolean;

  @ApiPropertyOptional({ type: String, description: 'Never changes', deprecated: true })
  @IsEmpty({ message: 'code cannot change: decisions name it' })
  readonly code?: never;

  @ApiPropertyOptional({ type: String, description: 'Never changes', deprecated: true })
  @IsEmpty({ message: 'effect cannot change: add a sanction type of its own instead' })
  readonly effect?: never;

  @ApiPropertyOptional({ type: String, description: 'Never changes', deprecated: true })
  @IsEmpty({ message: 'professionId cannot change: add a sanction type of its own instead' })
  readonly professionId?: never;
}

export class SanctionTypeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() code: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) professionId:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'DOKTER' }) profession:
    string | null;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SANCTION_EFFECTS }) effect: SanctionEffect;
  @ApiPropertyOptional({ type: Number, nullable: true }) minMonths: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) maxMonths: number | null;
  @ApiProperty() public: boolean;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Muktamar IDI',
    description: 'The body that decides it, where the panel only proposes it',
  })
  decidedBy: string | null;
}

/** A sanction a decision imposes: its type, and the months, or the credits and their date. */
export class DecidedSanctionDto {
  @ApiProperty({ example: 'SKORSING' })
  @Matches(CODE, { message: 'type must be a sanction type code such as SKORSING' })
  readonly type: string;

  @ApiPropertyOptional({ example: 3, description: 'A suspension: how many months' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  readonly months?: number;

  @ApiPropertyOptional({ example: 20, description: 'Remedial training: CPD credits to earn' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  readonly credits?: number;

  @ApiPropertyOptional({ example: '2027-06-30', description: 'Remedial training: earned by' })
  @IsOptional()
  @CalendarDate()
  readonly dueOn?: string;
}

export class CaseSanctionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'SKORSING' }) type: string;
  @ApiProperty({ enum: SANCTION_EFFECTS }) effect: SanctionEffect;
  @ApiPropertyOptional({ type: Number, nullable: true }) months: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) credits: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) dueOn: string | null;
  @ApiProperty() decidedOn: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Set when final' })
  startsOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) endsOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) tookEffectOn: string | null;
  @ApiProperty({ enum: SANCTION_STAGES }) stage: SanctionStage;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Set aside on appeal' })
  supersededOn: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The body that decides it, where the panel only proposed it',
  })
  decidedBy: string | null;
  @ApiPropertyOptional({
    enum: SANCTION_RULINGS,
    nullable: true,
    description: "That body's ruling",
  })
  ruling: SanctionRuling | null;
  @ApiPropertyOptional({ type: String, nullable: true }) ruledOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) rulingReference: string | null;
}

/** The ruling of the body that decides a sanction the panel proposed. */
export class SanctionRulingDto {
  @ApiProperty({ enum: SANCTION_RULINGS })
  @IsIn(SANCTION_RULINGS)
  readonly ruling: SanctionRuling;

  @ApiProperty({ example: '2027-08-20', description: 'The day that body decided' })
  @CalendarDate()
  readonly ruledOn: string;

  @Text(300, 'Ketetapan Muktamar IDI No. 7/2027') readonly reference: string;
}

export class MoveCaseDto {
  @ApiProperty({ enum: CASE_STATUSES })
  @IsIn(CASE_STATUSES)
  readonly to: CaseStatus;

  @Text(5_000, 'The complaint names a matter within the code: open an investigation')
  readonly reason: string;

  @ApiPropertyOptional({
    example: '2026-11-02',
    description: 'The day of the move (today by default)',
  })
  @IsOptional()
  @CalendarDate({ notInFuture: true })
  readonly on?: string;

  @ApiPropertyOptional({
    enum: APPEAL_OUTCOMES,
    description: "With the appeal's decision: what it does to the first decision",
  })
  @IsOptional()
  @IsIn(APPEAL_OUTCOMES)
  readonly outcome?: AppealOutcome;

  @ApiPropertyOptional({
    type: [DecidedSanctionDto],
    description:
      'With a decision (or an appeal that changes it): the sanctions it imposes, in effect once the case is final',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => DecidedSanctionDto)
  readonly sanctions?: DecidedSanctionDto[];

  @OptionalText(
    2_000,
    'Written waiver of appeal signed by the respondent on 2026-11-20',
    "With a move to final before the appeal window closes: the respondent's written waiver of appeal, kept on the timeline",
  )
  readonly appealWaived?: string;
}

export class CaseNoteDto {
  @Text(20_000, 'Called the clinic; the register shows no visit on that day') readonly text: string;

  @ApiPropertyOptional({ default: false, description: 'Kept from the respondent' })
  @IsOptional()
  @IsBoolean()
  readonly confidential?: boolean;
}

export class CaseAnswerDto {
  @Text(20_000, 'I examined the patient on the morning of 14 October') readonly text: string;
}

export class AssignCaseDto {
  @ApiProperty({ format: 'uuid', description: 'An ethics officer' })
  @IsUUID()
  readonly accountId: string;

  @ApiPropertyOptional({ enum: ASSIGNMENT_ROLES, default: 'officer' })
  @IsOptional()
  @IsIn(ASSIGNMENT_ROLES)
  readonly role?: AssignmentRole;
}

export class RecuseDto {
  @Text(2_000, 'The respondent is my brother-in-law') readonly reason: string;
}

export class CaseRecusalResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty() reason: string;
  @ApiProperty({ example: '2026-11-02' }) declaredOn: string;
}

export class CreateProcedureDto {
  @Text(40, 'PROSEDUR-2026') readonly version: string;

  @professionField('procedure')
  @IsOptional()
  @IsUUID()
  readonly professionId?: string;

  @ApiProperty({ example: '2026-01-01', description: 'The day this version comes into force' })
  @CalendarDate()
  readonly effectiveFrom: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    example: [
      { name: 'notify-respondent', days: 14, startsAt: 'investigation', stopsAt: ['notice'] },
      { name: 'answer', days: 21, startsAt: 'notice', stopsAt: ['answer'] },
    ],
    description:
      'Each clock: a name, its days, where it starts (a status, notice, or overdue:<clock>) and what meets it',
  })
  @IsArray()
  readonly clocks: ClockRule[];
}

/**
 * A version of the procedure corrected before it takes effect: its date (today or later) and its
 * clocks. Its version and profession never change.
 */
export class UpdateProcedureDto extends PartialType(
  OmitType(CreateProcedureDto, ['version', 'professionId'] as const),
) {
  @ApiPropertyOptional({ type: String, description: 'Never changes', deprecated: true })
  @IsEmpty({ message: 'version cannot change: add a new version instead' })
  readonly version?: never;

  @ApiPropertyOptional({ type: String, description: 'Never changes', deprecated: true })
  @IsEmpty({ message: 'professionId cannot change: add a version of its own instead' })
  readonly professionId?: never;
}

export class ProcedureResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() version: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) professionId:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'DOKTER' }) profession:
    string | null;
  @ApiProperty() effectiveFrom: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) clocks: ClockRule[];
}

export class ClockResponse {
  @ApiProperty({ example: 'answer' }) name: string;
  @ApiProperty() startedOn: string;
  @ApiProperty() dueOn: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Met on' }) stoppedOn:
    string | null;
  @ApiProperty({
    description:
      'Stopped unmet: the case went where its step can no longer happen (decided, closed)',
  })
  moot: boolean;
  @ApiProperty() paused: boolean;
  @ApiProperty() overdue: boolean;
}

export class DueClockResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ type: ClockResponse }) clock: ClockResponse;
}

export class NoticeDto {
  @Text(20_000, 'Notice of the investigation sent by registered mail') readonly text: string;

  @ApiPropertyOptional({
    default: true,
    description:
      'false: no notice could be served, and text says why (the respondent cannot be found); a hearing may then go ahead',
  })
  @IsOptional()
  @IsBoolean()
  readonly served?: boolean;
}

export class ClockActionDto {
  @Text(2_000, 'The respondent is abroad on a humanitarian mission') readonly reason: string;

  @ApiPropertyOptional({ example: 14, description: 'An extension: by how many days' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  readonly days?: number;
}

export class StandingQuery {
  @AsOfDay() readonly asOf?: string;
}

export class StandingSanctionResponse {
  @ApiProperty({ example: 'SKORSING' }) type: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: SANCTION_EFFECTS }) effect: SanctionEffect;
  @ApiProperty({ description: 'Shown in the public answer' }) public: boolean;
  @ApiProperty() startsOn: string;
  @ApiPropertyOptional({ type: String, nullable: true }) endsOn: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) dueOn: string | null;
}

export class EthicsStandingResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: '2026-11-02' }) asOf: string;
  @ApiProperty({ enum: ETHICS_STANDINGS }) standing: EthicsStanding;
  @ApiProperty({ description: 'Cases about the person that were open investigations that day' })
  openInvestigations: number;
  @ApiProperty({ type: [StandingSanctionResponse] }) sanctions: StandingSanctionResponse[];
}

export class CasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  readonly status?: CaseStatus;
}

export class CaseEventResponse {
  @ApiProperty({ enum: CASE_EVENT_KINDS }) kind: CaseEventKind;
  @ApiPropertyOptional({ enum: CASE_STATUSES, nullable: true }) fromStatus: CaseStatus | null;
  @ApiPropertyOptional({ enum: CASE_STATUSES, nullable: true }) toStatus: CaseStatus | null;
  @ApiPropertyOptional({ type: String, nullable: true }) text: string | null;
  @ApiProperty() confidential: boolean;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) subjectAccountId:
    string | null;
  @ApiProperty({ example: '2026-11-02' }) occurredOn: string;
  @ApiProperty() recordedAt: Date;
}

export class CaseComplainantResponse {
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone: string | null;
  @ApiProperty() discloseToRespondent: boolean;
}

export class CaseAssignmentResponse {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ enum: ASSIGNMENT_ROLES }) role: AssignmentRole;
}

export class CaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ADU-7K3M9QTX' }) reference: string;
  @ApiProperty({
    enum: CASE_BODIES,
    description: 'The honour council at first instance; the appeal council hears an appeal',
  })
  body: CaseBody;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'For an appeal case: the first-instance case it was lodged against',
  })
  appealOfCaseId: string | null;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'For a first-instance case under appeal: the appeal case',
  })
  appealCaseId: string | null;
  @ApiProperty({ enum: CASE_STATUSES }) status: CaseStatus;
  @ApiProperty({ example: '2026-11-02' }) statusChangedOn: string;
  @ApiProperty({ enum: CASE_STATUSES, isArray: true, description: 'Where it may move next' })
  nextStatuses: CaseStatus[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) respondentPersonId:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) respondentNumber: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) respondentName: string | null;
  @ApiProperty() whatHappened: string;
  @ApiPropertyOptional({ type: String, nullable: true }) happenedOn: string | null;
  @ApiPropertyOptional({
    type: CaseComplainantResponse,
    nullable: true,
    description: 'Shown to the respondent only with the complainant’s consent',
  })
  complainant: CaseComplainantResponse | null;
  @ApiProperty({ type: [CaseAssignmentResponse] }) assignments: CaseAssignmentResponse[];
  @ApiProperty({ type: [CaseEventResponse], description: 'Oldest first' })
  timeline: CaseEventResponse[];
  @ApiProperty({ type: [CaseSanctionResponse] }) sanctions: CaseSanctionResponse[];
  @ApiProperty({
    type: [ClockResponse],
    description: 'The procedure deadlines started so far (staff only)',
  })
  clocks: ClockResponse[];
  @ApiPropertyOptional({ enum: APPEAL_OUTCOMES, nullable: true })
  appealOutcome: AppealOutcome | null;
  @ApiProperty() openedAt: Date;
}

export class CasePage extends PageOf(CaseResponse) {}

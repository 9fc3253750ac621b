import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LANGUAGES, type Language } from 'src/common/languages';
import { Text } from 'src/common/validation/fields';
import {
  REMINDER_ITEM_KINDS,
  REMINDER_TRIGGERS,
  type ReminderItemKind,
  type ReminderTrigger,
} from 'src/reminders/reminder-rules';

/** A step's message in one language. */
export class ReminderTextDto {
  @Text(300, 'STRI {item} berakhir pada {endsOn}') readonly subject: string;
  @Text(5000, 'Yth. {name},\n\n{item} berakhir pada {endsOn}, {days} hari lagi.\n\n{association}')
  readonly body: string;
}

/** The message in other languages than the step's own, by language. */
export class ReminderTextsDto {
  @ApiPropertyOptional({ type: ReminderTextDto, description: 'Bahasa Indonesia' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderTextDto)
  readonly id?: ReminderTextDto;

  @ApiPropertyOptional({ type: ReminderTextDto, description: 'English' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderTextDto)
  readonly en?: ReminderTextDto;
}

export class CreateReminderStepDto {
  @ApiProperty({ example: 'STRI_180', description: 'Upper-case letters, digits and _' })
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, {
    message: 'code must be 1-40 upper-case letters, digits or _, starting with a letter',
  })
  readonly code: string;

  @Text(200, 'An STRI ends in 180 days') readonly name: string;

  @ApiProperty({ enum: REMINDER_ITEM_KINDS })
  @IsIn(REMINDER_ITEM_KINDS)
  readonly itemKind: ReminderItemKind;

  @ApiProperty({
    enum: REMINDER_TRIGGERS,
    description: 'before_end (any kind); grace and lapsed (memberships only)',
  })
  @IsIn(REMINDER_TRIGGERS)
  readonly trigger: ReminderTrigger;

  @ApiProperty({ example: 180, minimum: 0, maximum: 3650 })
  @IsInt()
  @Min(0)
  @Max(3650)
  readonly days: number;

  @ApiPropertyOptional({ description: 'False: the step sends nothing', default: true })
  @IsOptional()
  @IsBoolean()
  readonly active?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'Holds only for items of this profession',
  })
  @IsOptional()
  @IsUUID()
  readonly professionId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'A credential step: holds only for credentials of this type',
  })
  @IsOptional()
  @IsUUID()
  readonly credentialTypeId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'A membership step: holds only for memberships of this category',
  })
  @IsOptional()
  @IsUUID()
  readonly categoryId?: string | null;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en', description: 'Of subject and body' })
  @IsOptional()
  @IsIn(LANGUAGES)
  readonly language?: Language;

  @Text(300, '{item} ends on {endsOn}') readonly subject: string;

  @Text(5000, 'Dear {name},\n\nyour {item} ends on {endsOn}, in {days} days.\n\n{association}')
  readonly body: string;

  @ApiPropertyOptional({ type: ReminderTextsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderTextsDto)
  readonly texts?: ReminderTextsDto;
}

/** What changes of a step: what it holds for and when it is sent stay as created. */
export class UpdateReminderStepDto extends PartialType(
  OmitType(CreateReminderStepDto, [
    'code',
    'itemKind',
    'trigger',
    'professionId',
    'credentialTypeId',
    'categoryId',
  ] as const),
) {}

/** Which profession's step a code names; none: the association's own. */
export class ReminderStepQuery {
  @ApiPropertyOptional({
    example: 'INSINYUR',
    description: "The profession whose step this is (left out: a step of no profession's)",
  })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_-]{0,39}$/, {
    message: 'profession must be a profession code such as DOKTER',
  })
  readonly profession?: string;
}

export class ReminderStepResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CREDENTIAL_90' }) code: string;
  @ApiProperty({ example: 'A credential ends in 90 days' }) name: string;
  @ApiProperty({ enum: REMINDER_ITEM_KINDS }) itemKind: ReminderItemKind;
  @ApiProperty({ enum: REMINDER_TRIGGERS }) trigger: ReminderTrigger;
  @ApiProperty({ description: 'Before the end: days before it; grace or lapsed: days after' })
  days: number;
  @ApiProperty() active: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) professionId:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) credentialTypeId:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid' }) categoryId: string | null;
  @ApiProperty({ enum: LANGUAGES }) language: Language;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: ReminderTextsDto }) texts: ReminderTextsDto;
}

export class ReminderPassResponse {
  @ApiProperty({ example: '2026-12-03' }) runOn: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { CREDENTIAL_90: 12, MEMBERSHIP_GRACE: 3 },
    description: 'Reminders recorded and mailed by this pass, by step',
  })
  sent: Record<string, number>;
}

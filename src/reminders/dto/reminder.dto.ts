import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Text } from 'src/common/validation/fields';
import {
  REMINDER_ITEM_KINDS,
  REMINDER_TRIGGERS,
  type ReminderItemKind,
  type ReminderTrigger,
} from 'src/reminders/reminder-rules';

export class UpdateReminderStepDto {
  @ApiPropertyOptional({ example: 60, minimum: 0, maximum: 3650 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  readonly days?: number;

  @ApiPropertyOptional({ description: 'False: the step sends nothing' })
  @IsOptional()
  @IsBoolean()
  readonly active?: boolean;

  @IsOptional() @Text(300, '{item} ends on {endsOn}') readonly subject?: string;

  @IsOptional()
  @Text(5000, 'Dear {name},\n\nyour {item} ends on {endsOn}, in {days} days.\n\n{association}')
  readonly body?: string;
}

export class ReminderStepResponse {
  @ApiProperty({ example: 'CREDENTIAL_90' }) code: string;
  @ApiProperty({ enum: REMINDER_ITEM_KINDS }) itemKind: ReminderItemKind;
  @ApiProperty({ enum: REMINDER_TRIGGERS }) trigger: ReminderTrigger;
  @ApiProperty({ description: 'Before the end: days before it; grace or lapsed: days after' })
  days: number;
  @ApiProperty() active: boolean;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
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

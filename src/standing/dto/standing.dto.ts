import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AsOfDay, Text } from 'src/common/validation/fields';
import { REQUIREMENT_BLOCKS, type RequirementBlocks } from 'src/standing/standing-rules';

export class StandingQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members read their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @AsOfDay('The day to answer for, from history (today by default; not after today)')
  readonly asOf?: string;
}

export class PublicStandingQuery {
  @Text(100, 'SK-2026-000123')
  readonly number: string;

  @AsOfDay() readonly asOf?: string;
}

export class StandingRequirementResponse {
  @ApiProperty({ example: 'cpd:SKP_SIP' }) requirement: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      "What it is about where there may be several: a credential's number, a member number",
  })
  subject: string | null;
  @ApiProperty() met: boolean;
  @ApiProperty({
    enum: REQUIREMENT_BLOCKS,
    description:
      '`standing`: unmet, the person is not in good standing; `renewal`: unmet, a renewal or a recommendation letter waits for it',
  })
  blocks: RequirementBlocks;
  @ApiProperty({ example: 'renewal blocked: learning 38/45 credits' }) detail: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '7 to go before 2027-03-31' })
  nextStep: string | null;
  @ApiProperty({ description: 'Shown to organisations asking with an API key' }) public: boolean;
  @ApiPropertyOptional({
    enum: ['credential', 'membership'],
    description:
      "On a CPD obligation: its cycle is the credential's or membership's named by `subject`, and holds against that one's renewal alone",
  })
  cycleOf?: 'credential' | 'membership';
}

export class StandingResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: '2026-12-03' }) asOf: string;
  @ApiProperty({
    description: 'False where the day is before the history kept here (a register import)',
  })
  known: boolean;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The first day whose answer is known, where history before it is not',
  })
  historyKnownFrom: string | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Null when not known' })
  goodStanding: boolean | null;
  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    description:
      'Every requirement met, the credits of the cycle too: what a renewal and a letter need',
  })
  renewalReady: boolean | null;
  @ApiProperty({ type: [StandingRequirementResponse] }) requirements: StandingRequirementResponse[];
  @ApiProperty({ type: [String], example: ['7 to go before 2027-03-31'] }) nextSteps: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why the answer is not known' })
  unknownReason: string | null;
}

export class PublicStandingReason {
  @ApiProperty({ example: 'membership' }) requirement: string;
  @ApiProperty() met: boolean;
  @ApiProperty({
    example: 'Membership JKT-00012 (Ordinary) suspended from 2025-01-10 until 2025-06-30',
  })
  detail: string;
}

export class PublicStandingResponse {
  @ApiProperty({ example: 'SK-2026-000123' }) number: string;
  @ApiProperty({ example: 'Siti Rahayu' }) holder: string;
  @ApiProperty({ example: 'SERKOM' }) credentialType: string;
  @ApiProperty({ example: '2025-03-01' }) asOf: string;
  @ApiProperty() known: boolean;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) goodStanding: boolean | null;
  @ApiProperty({
    type: [PublicStandingReason],
    description:
      'The public requirements (membership, credentials, public sanctions); the rest stays the member’s',
  })
  reasons: PublicStandingReason[];
  @ApiProperty({ description: 'Requirements not met that are not public (dues, CPD, pledge...)' })
  otherRequirementsUnmet: number;
}

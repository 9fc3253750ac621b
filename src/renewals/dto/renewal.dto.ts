import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';
import { Text } from 'src/common/validation/fields';
import {
  RENEWAL_DECISIONS,
  RENEWAL_STATUSES,
  type RenewalDecision,
  type RenewalStatus,
} from 'src/renewals/renewal-rules';
import { StandingResponse } from 'src/standing/dto/standing.dto';

export class CreateRenewalDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A credential issued here; or membershipId' })
  @IsOptional()
  @IsUUID()
  readonly credentialId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A membership; or credentialId' })
  @IsOptional()
  @IsUUID()
  readonly membershipId?: string;
}

export class DecideRenewalDto {
  @ApiProperty({ enum: RENEWAL_DECISIONS })
  @IsIn(RENEWAL_DECISIONS)
  readonly decision: RenewalDecision;

  @Text(2000, 'Every requirement met; renewed for the next five years') readonly reason: string;
}

export class RenewalsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members see their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;

  @ApiPropertyOptional({ enum: RENEWAL_STATUSES })
  @IsOptional()
  @IsIn(RENEWAL_STATUSES)
  readonly status?: RenewalStatus;
}

export class RenewalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) credentialId:
    string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) membershipId:
    string | null;
  @ApiProperty({ example: '2026-12-31', description: 'The last day of what is renewed' })
  endsOn: string;
  @ApiProperty({ enum: RENEWAL_STATUSES }) status: RenewalStatus;
  @ApiProperty({ description: 'Approved on submission, every requirement met' }) automatic: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-01-01' }) newStartsOn:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2031-12-31' }) newEndsOn:
    string | null;
  @ApiProperty({ type: StandingResponse, description: 'The eligibility report it was decided on' })
  eligibility: StandingResponse;
  @ApiProperty() submittedAt: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) decidedAt: Date | null;
}

export class RenewalPage extends PageOf(RenewalResponse) {}

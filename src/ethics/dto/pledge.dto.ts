import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';

export class CreatePledgeDto {
  @ApiProperty({ format: 'uuid', description: 'The code version pledged to: in force or coming' })
  @IsUUID()
  readonly codeVersionId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Staff only: the person whose signed pledge is being recorded',
  })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;
}

export class PledgesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only; members see their own' })
  @IsOptional()
  @IsUUID()
  readonly personId?: string;
}

export class PledgeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid' }) codeVersionId: string;
  @ApiProperty({ example: 'KODEKI-2012' }) version: string;
  @ApiProperty() pledgedAt: Date;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Where the pledge was made from',
  })
  ip: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) userAgent: string | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Staff account that recorded it',
  })
  recordedByAccountId: string | null;
}

export class PledgePage extends PageOf(PledgeResponse) {}

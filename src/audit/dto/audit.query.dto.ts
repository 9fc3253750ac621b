import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from 'src/common/paging';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'person' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  readonly entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  readonly entityId?: string;

  @ApiPropertyOptional({ description: 'Account or API key that acted' })
  @IsOptional()
  @IsUUID()
  readonly actorId?: string;

  @ApiPropertyOptional({ example: 'person.created' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  readonly action?: string;

  @ApiPropertyOptional({ description: 'From this instant, inclusive (ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  readonly from?: string;

  @ApiPropertyOptional({ description: 'Up to this instant, exclusive (ISO 8601)' })
  @IsOptional()
  @IsDateString({ strict: true })
  readonly to?: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageOf, PageQuery } from 'src/common/paging';
import { OUTBOX_STATUSES, type OutboxStatus } from 'src/mail/entities/outbox-message.entity';

export class OutboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  readonly status?: OutboxStatus;
}

export class OutboxMessageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'siti@example.org' }) to: string;
  @ApiProperty() subject: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status: OutboxStatus;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ type: Date, nullable: true }) sentAt: Date | null;
}

export class OutboxPage extends PageOf(OutboxMessageResponse) {}

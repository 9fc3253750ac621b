import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class StatusRunOutcome {
  @ApiProperty({ description: 'Dues invoices issued for coming periods' }) renewalInvoices: number;
  @ApiProperty({ description: 'Memberships whose stored status changed' }) statusChanges: number;
}

export class StatusRunResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-11-22' }) runOn: string;
  @ApiProperty() startedAt: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  finishedAt: Date | null;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Null: started by the schedule',
  })
  triggeredByAccountId: string | null;
  @ApiProperty({ type: StatusRunOutcome }) outcome: StatusRunOutcome;
}

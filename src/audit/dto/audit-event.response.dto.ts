import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from 'src/common/paging';

export class AuditEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: Date;
  @ApiProperty({ enum: ['account', 'api_key', 'system'] }) actorKind: string;
  @ApiPropertyOptional({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: [String] }) actorRoles: string[];
  @ApiProperty({ example: 'person.updated' }) action: string;
  @ApiProperty({ example: 'person' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiPropertyOptional({ type: Object, nullable: true }) before: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: Object, nullable: true }) after: Record<string, unknown> | null;
  @ApiPropertyOptional({ type: String, nullable: true }) requestId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) ip: string | null;
}

export class AuditEventPage extends PageOf(AuditEventResponse) {}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from 'src/audit/audit.service';
import { AuditEventPage } from 'src/audit/dto/audit-event.response.dto';
import { AuditQuery } from 'src/audit/dto/audit.query.dto';
import { Staff } from 'src/auth/decorators/auth.decorator';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Staff('administration')
  @ApiOperation({ summary: 'Search the audit trail by entity, actor, action and time range' })
  @ApiOkResponse({ type: AuditEventPage })
  search(@Query() query: AuditQuery) {
    return this.audit.search(query);
  }
}

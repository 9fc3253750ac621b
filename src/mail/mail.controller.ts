import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Staff } from 'src/auth/decorators/auth.decorator';
import { OutboxPage, OutboxQuery } from 'src/mail/dto/outbox.dto';
import { MailService } from 'src/mail/mail.service';

@ApiTags('mail')
@Controller('mail')
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get('outbox')
  @Staff('administration')
  @ApiOperation({
    summary:
      'Mail written by Guildhall, newest first: sent, queued, or kept where no SMTP server is set',
  })
  @ApiOkResponse({ type: OutboxPage })
  outbox(@Query() query: OutboxQuery) {
    return this.mail.outbox(query);
  }
}

import { Controller, Get, Headers, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Staff } from 'src/auth/decorators/auth.decorator';
import {
  MembershipCountsResponse,
  UnpledgedPage,
  UnpledgedQuery,
  UpcomingQuery,
  UpcomingResponse,
} from 'src/membership/dto/membership-reports.dto';
import { MembershipReportsService } from 'src/membership/membership-reports.service';

@ApiTags('membership')
@Controller('memberships/reports')
@Staff('reports')
export class MembershipReportsController {
  constructor(private readonly reports: MembershipReportsService) {}

  @Get('counts')
  @ApiOperation({ summary: 'Members by status, and by category and chapter with their statuses' })
  @ApiOkResponse({ type: MembershipCountsResponse })
  counts() {
    return this.reports.counts();
  }

  @Get('upcoming')
  @ApiOperation({
    summary: 'Members entering grace or lapsing in the next N days (Accept: text/csv for CSV)',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: UpcomingResponse })
  async upcoming(
    @Query() query: UpcomingQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UpcomingResponse | string> {
    const report = await this.reports.upcoming(query.days);
    if (!accept?.includes('text/csv')) return report;
    void reply.type('text/csv; charset=utf-8');
    return this.reports.upcomingCsv(report);
  }

  @Get('unpledged')
  @ApiOperation({ summary: 'Current members who have not pledged to the code in force' })
  @ApiOkResponse({ type: UnpledgedPage })
  unpledged(@Query() query: UnpledgedQuery) {
    return this.reports.unpledged(query);
  }

  @Get('register.csv')
  @ApiOperation({ summary: 'The whole register as CSV, streamed' })
  @ApiProduces('text/csv')
  register(): StreamableFile {
    return new StreamableFile(this.reports.exportCsv(), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="members.csv"',
    });
  }
}

import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { requireAccount } from 'src/auth/access';
import { Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { AppError } from 'src/common/errors/app-error';
import { CsvStreamBody } from 'src/common/http/csv-body';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import { ImportQuery, ImportReportResponse } from 'src/membership/dto/membership-import.dto';
import { MembershipImportService } from 'src/membership/import/membership-import.service';
import { MembershipError } from 'src/membership/membership.errors';

@ApiTags('membership')
@Controller('memberships/imports')
@Staff('admissions')
export class MembershipImportsController {
  constructor(private readonly imports: MembershipImportService) {}

  @Post()
  @CsvStreamBody()
  @ApiOperation({
    summary:
      'Import a register from CSV (streamed): all rows or none; ?dryRun=true checks and writes nothing',
  })
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example:
        'full_name,national_id,chapter_code,category_code,member_number,member_since,covered_until,credential_type,credential_number,credential_valid_from\nSiti Rahayu,3171234567890001,JKT,ORDINARY,JKT-2019-000042,2019-03-01,2026-12-31,STR,STR-0042,2019-01-15',
    },
  })
  @ApiOkResponse({ type: ImportReportResponse, description: 'A dry run: the report' })
  @ApiCreatedResponse({ type: ImportReportResponse, description: 'Committed' })
  @ApiUnprocessableEntityResponse({
    type: ProblemResponse,
    description: 'import-rejected: nothing was written; `errors` lists rows and columns',
  })
  async run(
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Query() query: ImportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReportResponse> {
    if (!(body instanceof Readable)) {
      throw new AppError('unsupported-media-type', 'Send the register as text/csv');
    }
    const report = await this.imports.run(requireAccount(actor), body, {
      dryRun: query.dryRun,
      fileName: query.fileName ?? null,
    });
    if (report.status === 'rejected' && !report.dryRun) {
      throw new MembershipError(
        'import-rejected',
        `${report.errorCount} error(s) in ${report.totalRows} rows; nothing was written`,
        { report },
      );
    }
    void reply.status(report.dryRun ? 200 : 201);
    return report;
  }

  @Get()
  @ApiOperation({ summary: 'The last 50 imports, newest first, with their progress' })
  @ApiOkResponse({ type: [ImportReportResponse] })
  list(@CurrentActor() actor: Actor) {
    return this.imports.list(requireAccount(actor));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One import: progress while it runs, then its report' })
  @ApiOkResponse({ type: ImportReportResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.imports.get(requireAccount(actor), id);
  }
}

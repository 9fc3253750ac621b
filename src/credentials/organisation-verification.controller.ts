import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OrganisationKey, SelfOrStaff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { CsvBody } from 'src/common/http/csv-body';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { PageQuery } from 'src/common/paging';
import { UuidParam } from 'src/common/validation/validation';
import { resultsToCsv } from 'src/credentials/bulk-csv';
import { BulkNumbersPipe } from 'src/credentials/bulk-numbers.pipe';
import {
  BulkVerificationDto,
  BulkVerificationResponse,
  VerificationLogPage,
} from 'src/credentials/dto/organisation-verification.dto';
import { PublicCredentialResponse } from 'src/credentials/dto/public-credential.dto';
import { OrganisationVerificationService } from 'src/credentials/organisation-verification.service';

@ApiTags('verification for organisations')
@Controller()
export class OrganisationVerificationController {
  constructor(private readonly verifications: OrganisationVerificationService) {}

  @Get('verifications/:number')
  @OrganisationKey()
  @ApiOperation({
    summary: 'Check one credential as an organisation; the check is logged for the holder to see',
  })
  @ApiOkResponse({ type: PublicCredentialResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  check(@CurrentActor() actor: Actor, @Param('number') number: string) {
    return this.verifications.check(actor, number);
  }

  @Post('verifications/bulk')
  @OrganisationKey()
  @CsvBody()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Check up to 1,000 numbers at once: JSON or CSV in, JSON or CSV out (Accept: text/csv)',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: BulkVerificationDto })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: BulkVerificationResponse })
  async bulk(
    @CurrentActor() actor: Actor,
    @Body(BulkNumbersPipe) dto: BulkVerificationDto | string,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BulkVerificationResponse | string> {
    const answer = await this.verifications.bulk(actor, (dto as BulkVerificationDto).numbers);
    if (!accept?.includes('text/csv')) return answer;
    void reply.type('text/csv; charset=utf-8');
    return resultsToCsv(answer.results);
  }

  @Get('credentials/:id/verifications')
  @SelfOrStaff('credentials')
  @ApiOperation({
    summary: 'Who verified me: the organisations that checked this credential (holder and staff)',
  })
  @ApiOkResponse({ type: VerificationLogPage })
  whoChecked(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Query() query: PageQuery,
  ) {
    return this.verifications.whoChecked(actor, id, query);
  }
}

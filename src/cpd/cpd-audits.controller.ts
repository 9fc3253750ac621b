import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import { CpdAuditsService } from 'src/cpd/cpd-audits.service';
import {
  CpdAuditOutcomeDto,
  CpdAuditResponse,
  DrawCpdAuditDto,
  RemoveCpdCreditDto,
} from 'src/cpd/dto/cpd.dto';

@ApiTags('cpd')
@Controller('cpd')
export class CpdAuditsController {
  constructor(private readonly audits: CpdAuditsService) {}

  @Post('audits')
  @Staff('cpd')
  @ApiOperation({
    summary:
      "Draw a share of a policy's holders at random from a seed (stored: the same seed draws the same people)",
  })
  @ApiCreatedResponse({ type: CpdAuditResponse })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: 'No such policy' })
  draw(@CurrentActor() actor: Actor, @Body() dto: DrawCpdAuditDto) {
    return this.audits.draw(actor, dto);
  }

  @Get('audits/:id')
  @Staff('cpd')
  @ApiOperation({ summary: 'An audit: its seed, its population and the people it picked' })
  @ApiOkResponse({ type: CpdAuditResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@Param('id', UuidParam('id')) id: string) {
    return this.audits.get(id);
  }

  @Post('audits/:id/credits/:creditId/removal')
  @Staff('cpd')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Remove an audited credit that its evidence does not bear out: it counts nowhere from today',
  })
  @ApiOkResponse({ type: CpdAuditResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'Not a credit of a person picked' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Removed already' })
  removeCredit(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('creditId', UuidParam('creditId')) creditId: string,
    @Body() dto: RemoveCpdCreditDto,
  ) {
    return this.audits.removeCredit(actor, id, creditId, dto);
  }

  @Post('audits/:id/members/:personId/outcome')
  @Staff('cpd')
  @HttpCode(200)
  @ApiOperation({ summary: "Record the audit's outcome for a person it picked, with a reason" })
  @ApiOkResponse({ type: CpdAuditResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Recorded already' })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('personId', UuidParam('personId')) personId: string,
    @Body() dto: CpdAuditOutcomeDto,
  ) {
    return this.audits.decide(actor, id, personId, dto);
  }
}

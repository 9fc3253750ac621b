import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { requireAccount } from 'src/auth/access';
import { Public, SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { UserAgent } from 'src/common/http/user-agent';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import {
  CodesQuery,
  CodeVersionResponse,
  CorrectCodeVersionDto,
  CreateCodeVersionDto,
  WithdrawCodeVersionDto,
} from 'src/ethics/dto/code.dto';
import {
  CreatePledgeDto,
  PledgePage,
  PledgeResponse,
  PledgesQuery,
} from 'src/ethics/dto/pledge.dto';
import { EthicsService } from 'src/ethics/ethics.service';

@ApiTags('ethics')
@Controller('ethics')
export class EthicsController {
  constructor(private readonly ethics: EthicsService) {}

  @Get('codes')
  @Public()
  @ApiOperation({
    summary: "Every version of the code of ethics, newest first: one profession's, or all",
  })
  @ApiOkResponse({ type: [CodeVersionResponse] })
  listCodes(@Query() query: CodesQuery) {
    return this.ethics.listCodes(query);
  }

  @Get('codes/current')
  @Public()
  @ApiOperation({ summary: "The version of a profession's code in force today" })
  @ApiOkResponse({ type: CodeVersionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  currentCode(@Query() query: CodesQuery) {
    return this.ethics.currentCode(query);
  }

  @Get('codes/:id')
  @Public()
  @ApiOperation({ summary: 'One version of the code, with its articles' })
  @ApiOkResponse({ type: CodeVersionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  getCode(@Param('id', UuidParam('id')) id: string) {
    return this.ethics.getCode(id);
  }

  @Post('codes')
  @Staff('ethics')
  @ApiOperation({ summary: 'Publish a new version of the code, in force from its date' })
  @ApiCreatedResponse({ type: CodeVersionResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Dated before the latest version' })
  publish(@CurrentActor() actor: Actor, @Body() dto: CreateCodeVersionDto) {
    return this.ethics.publish(requireAccount(actor), dto);
  }

  @Patch('codes/:id')
  @Staff('ethics')
  @ApiOperation({ summary: 'Correct a version before it takes effect (title, date, articles)' })
  @ApiOkResponse({ type: CodeVersionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'In force already, or withdrawn' })
  correct(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: CorrectCodeVersionDto,
  ) {
    return this.ethics.correct(requireAccount(actor), id, dto);
  }

  @Post('codes/:id/withdraw')
  @HttpCode(200)
  @Staff('ethics')
  @ApiOperation({ summary: 'Withdraw a version with a reason; it stays on record' })
  @ApiOkResponse({ type: CodeVersionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Withdrawn already' })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: WithdrawCodeVersionDto,
  ) {
    return this.ethics.withdraw(requireAccount(actor), id, dto);
  }

  @Post('pledges')
  @SelfOrStaff('pledges')
  @ApiOperation({
    summary: 'Pledge to a version of the code (mine), or record a signed pledge (staff)',
  })
  @ApiCreatedResponse({ type: PledgeResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Already pledged, or superseded' })
  pledge(
    @CurrentActor() actor: Actor,
    @Body() dto: CreatePledgeDto,
    @UserAgent() userAgent: string | null,
  ) {
    return this.ethics.pledge(actor, dto, userAgent);
  }

  @Get('pledges')
  @SelfOrStaff('pledges')
  @ApiOperation({ summary: 'Pledges: all for staff (by person), my own for members' })
  @ApiOkResponse({ type: PledgePage })
  listPledges(@CurrentActor() actor: Actor, @Query() query: PledgesQuery) {
    return this.ethics.listPledges(actor, query);
  }
}

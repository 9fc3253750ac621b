import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
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
import { CodeVersionResponse, CreateCodeVersionDto } from 'src/ethics/dto/code.dto';
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
  @ApiOperation({ summary: 'Every version of the code of ethics, newest first' })
  @ApiOkResponse({ type: [CodeVersionResponse] })
  listCodes() {
    return this.ethics.listCodes();
  }

  @Get('codes/current')
  @Public()
  @ApiOperation({ summary: 'The version of the code in force today' })
  @ApiOkResponse({ type: CodeVersionResponse })
  currentCode() {
    return this.ethics.currentCode();
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

import type { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AnyAccount, OrganisationKey, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { CsvStreamBody } from 'src/common/http/csv-body';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import { CpdActivitiesService } from 'src/cpd/cpd-activities.service';
import {
  CpdActivityResponse,
  CpdProviderResponse,
  CreateCpdActivityDto,
  CreateCpdProviderDto,
  CreatedCpdProviderResponse,
  RosterDto,
  RosterResponse,
} from 'src/cpd/dto/cpd.dto';
import { type CheckedRoster, RosterPipe } from 'src/cpd/roster.pipe';

@ApiTags('cpd')
@Controller('cpd')
export class CpdActivitiesController {
  constructor(private readonly activities: CpdActivitiesService) {}

  @Get('providers')
  @Staff('cpd')
  @ApiOperation({ summary: 'Accredited CPD providers' })
  @ApiOkResponse({ type: [CpdProviderResponse] })
  providers() {
    return this.activities.providers();
  }

  @Post('providers')
  @Staff('cpd')
  @ApiOperation({
    summary: 'Accredit a provider for a period; the answer holds its API key, shown once',
  })
  @ApiCreatedResponse({ type: CreatedCpdProviderResponse })
  accreditProvider(@CurrentActor() actor: Actor, @Body() dto: CreateCpdProviderDto) {
    return this.activities.accreditProvider(actor, dto);
  }

  @Post('activities')
  @Staff('cpd')
  @ApiOperation({ summary: "Accredit an activity within its provider's accreditation" })
  @ApiCreatedResponse({ type: CpdActivityResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Provider not accredited then' })
  accreditActivity(@CurrentActor() actor: Actor, @Body() dto: CreateCpdActivityDto) {
    return this.activities.accreditActivity(actor, dto);
  }

  @Get('activities/:id')
  @AnyAccount()
  @ApiOperation({ summary: 'One accredited activity' })
  @ApiOkResponse({ type: CpdActivityResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  activity(@Param('id', UuidParam('id')) id: string) {
    return this.activities.activity(id);
  }

  @Post('activities/:id/attendance')
  @OrganisationKey()
  @CsvStreamBody()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The provider reports who attended (JSON, or CSV read as it arrives: number[,credits]); credits are awarded with no claim, all or nothing, once per person',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: RosterDto })
  @ApiOkResponse({ type: RosterResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: "Not this provider's activity" })
  @ApiConflictResponse({ type: ProblemResponse, description: 'The activity has not ended' })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse, description: 'Bad rows, each named' })
  recordAttendance(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    // The union keeps the global validation off: RosterPipe reads JSON or CSV, then checks it.
    @Body(RosterPipe) roster: CheckedRoster | Readable,
  ) {
    return this.activities.recordAttendance(actor, id, roster as CheckedRoster);
  }
}

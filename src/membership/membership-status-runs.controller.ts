import { Controller, Get, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { StatusRunResponse } from 'src/membership/dto/status-run.dto';
import { MembershipStatusRunService } from 'src/membership/membership-status-run.service';

@ApiTags('membership')
@Controller('memberships/status-runs')
export class MembershipStatusRunsController {
  constructor(private readonly runs: MembershipStatusRunService) {}

  @Get()
  @Staff('admissions')
  @ApiOperation({ summary: 'The last 100 daily status runs, newest first' })
  @ApiOkResponse({ type: [StatusRunResponse] })
  list() {
    return this.runs.list();
  }

  @Post()
  @Staff('administration')
  @ApiOperation({
    summary: 'Run the daily status run now (it also runs on schedule at DAILY_RUN_TIME)',
  })
  @ApiCreatedResponse({ type: StatusRunResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'A run is in progress' })
  run(@CurrentActor() actor: Actor) {
    return this.runs.run(actor);
  }
}

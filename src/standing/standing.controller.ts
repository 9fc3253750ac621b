import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrganisationKey, SelfOrStaff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import {
  PublicStandingQuery,
  PublicStandingResponse,
  StandingQuery,
  StandingResponse,
} from 'src/standing/dto/standing.dto';
import { StandingService } from 'src/standing/standing.service';

@ApiTags('standing')
@Controller('standing')
export class StandingController {
  constructor(private readonly standing: StandingService) {}

  @Get()
  @SelfOrStaff('standingReport')
  @ApiOperation({
    summary:
      'Is the person in good standing? Each requirement met or not, with figures and the next step',
    description:
      'Today, or as of a past day (`asOf`) from history: membership status changes, credential periods and events, sanctions, payments, pledges and credits as they were then. Members read their own.',
  })
  @ApiOkResponse({ type: StandingResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@CurrentActor() actor: Actor, @Query() query: StandingQuery) {
    return this.standing.standing(actor, query);
  }

  @Get('public')
  @OrganisationKey()
  @ApiOperation({
    summary:
      "An organisation asks of a credential's holder: in good standing on a day, with the public reasons",
    description: "The question is kept in the holder's verification log (channel `standing`).",
  })
  @ApiOkResponse({ type: PublicStandingResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  publicStanding(@CurrentActor() actor: Actor, @Query() query: PublicStandingQuery) {
    return this.standing.publicStanding(actor, query);
  }
}

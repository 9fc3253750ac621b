import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import {
  CreateRenewalDto,
  DecideRenewalDto,
  RenewalPage,
  RenewalResponse,
  RenewalsQuery,
} from 'src/renewals/dto/renewal.dto';
import { RenewalsService } from 'src/renewals/renewals.service';

@ApiTags('renewals')
@Controller('renewals')
export class RenewalsController {
  constructor(private readonly renewals: RenewalsService) {}

  @Post()
  @SelfOrStaff('renewals')
  @ApiOperation({
    summary: 'Ask for the renewal of a credential issued here or of a membership',
    description:
      'Within the window before it ends (409 `renewal-window-closed` names the day it opens). The eligibility report is stored with the request; where every requirement is met and the type or category allows it, it is approved at once.',
  })
  @ApiCreatedResponse({ type: RenewalResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  submit(@CurrentActor() actor: Actor, @Body() dto: CreateRenewalDto) {
    return this.renewals.submit(actor, dto);
  }

  @Get()
  @SelfOrStaff('renewals')
  @ApiOperation({ summary: 'Renewal requests: my own for members, anyone’s for staff' })
  @ApiOkResponse({ type: RenewalPage })
  list(@CurrentActor() actor: Actor, @Query() query: RenewalsQuery) {
    return this.renewals.list(actor, query);
  }

  @Get(':id')
  @SelfOrStaff('renewals')
  @ApiOperation({ summary: 'One renewal request, with its eligibility report' })
  @ApiOkResponse({ type: RenewalResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.renewals.get(actor, id);
  }

  @Post(':id/decision')
  @Staff('renewals')
  @ApiOperation({
    summary: 'Approve (every requirement met) or reject a renewal request, with a reason',
  })
  @ApiCreatedResponse({ type: RenewalResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: DecideRenewalDto,
  ) {
    return this.renewals.decide(actor, id, dto);
  }
}

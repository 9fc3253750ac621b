import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { requireAccount } from 'src/auth/access';
import { SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import {
  ApplicationChecksResponse,
  ApplicationPage,
  ApplicationResponse,
  ApplicationsQuery,
  CreateApplicationDto,
  RejectApplicationDto,
  WithdrawApplicationDto,
} from 'src/membership/dto/membership-application.dto';
import { MembershipApplicationsService } from 'src/membership/membership-applications.service';

const UNMET = {
  type: ProblemResponse,
  description: 'pipeline-checks-failed: `checks` names every unmet check',
};

@ApiTags('membership')
@Controller('membership-applications')
export class MembershipApplicationsController {
  constructor(private readonly applications: MembershipApplicationsService) {}

  @Post()
  @SelfOrStaff('admissions')
  @ApiOperation({
    summary: 'Start an application (mine, or staff for a person); a fee invoice comes with it',
  })
  @ApiCreatedResponse({ type: ApplicationResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'An application is already open' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApplicationDto) {
    return this.applications.create(actor, dto);
  }

  @Get()
  @SelfOrStaff('admissions')
  @ApiOperation({ summary: 'The review queue for staff (filters), my applications for members' })
  @ApiOkResponse({ type: ApplicationPage })
  list(@CurrentActor() actor: Actor, @Query() query: ApplicationsQuery) {
    return this.applications.list(actor, query);
  }

  @Get(':id')
  @SelfOrStaff('admissions')
  @ApiOperation({ summary: 'One application' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.applications.get(actor, id);
  }

  @Get(':id/checks')
  @SelfOrStaff('admissions')
  @ApiOperation({ summary: 'The checklist: each pipeline check, met or not, as of now' })
  @ApiOkResponse({ type: ApplicationChecksResponse })
  checks(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.applications.checks(actor, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @SelfOrStaff('admissions')
  @ApiOperation({ summary: 'Submit a draft; every pipeline check must be met' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiUnprocessableEntityResponse(UNMET)
  submit(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.applications.submit(actor, id);
  }

  @Post(':id/start-review')
  @HttpCode(200)
  @Staff('admissions')
  @ApiOperation({ summary: 'Take a submitted application into review' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  startReview(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.applications.startReview(requireAccount(actor), id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Staff('admissions')
  @ApiOperation({
    summary: 'Approve: the checks run again; the member number, first period and dues follow',
  })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Not under review (or decided)' })
  @ApiUnprocessableEntityResponse(UNMET)
  approve(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.applications.approve(requireAccount(actor), id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Staff('admissions')
  @ApiOperation({ summary: 'Reject, with a reason' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: RejectApplicationDto,
  ) {
    return this.applications.reject(requireAccount(actor), id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @SelfOrStaff('admissions')
  @ApiOperation({ summary: 'Withdraw an open application (the applicant, or staff)' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiConflictResponse({ type: ProblemResponse })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: WithdrawApplicationDto,
  ) {
    return this.applications.withdraw(actor, id, dto);
  }
}

import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyAccount, SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import {
  ChangeMembershipStatusDto,
  DirectoryListingDto,
  MembershipPage,
  MembershipResponse,
  MembershipsQuery,
} from 'src/membership/dto/membership.dto';
import { MembershipsService } from 'src/membership/memberships.service';

@ApiTags('membership')
@Controller('memberships')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Get()
  @Staff('memberLookup')
  @ApiOperation({
    summary: 'Members: search by name or number, filter by status, category, chapter',
  })
  @ApiOkResponse({ type: MembershipPage, description: '`total` stops counting at 10,000' })
  list(@CurrentActor() actor: Actor, @Query() query: MembershipsQuery) {
    return this.memberships.list(actor, query);
  }

  @Get('me')
  @AnyAccount()
  @ApiOperation({ summary: 'My membership: status, periods, arrears, status history' })
  @ApiOkResponse({ type: MembershipResponse })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'Not a member yet' })
  mine(@CurrentActor() actor: Actor) {
    return this.memberships.mine(actor);
  }

  @Put('me/directory-listing')
  @AnyAccount()
  @ApiOperation({ summary: 'Opt in to (or out of) the public directory' })
  @ApiOkResponse({ type: MembershipResponse })
  setDirectoryListing(@CurrentActor() actor: Actor, @Body() dto: DirectoryListingDto) {
    return this.memberships.setDirectoryListing(actor, dto);
  }

  @Get(':id')
  @SelfOrStaff('memberLookup')
  @ApiOperation({ summary: 'One membership (its member and staff)' })
  @ApiOkResponse({ type: MembershipResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.memberships.get(actor, id);
  }

  @Post(':id/status-changes')
  @SelfOrStaff('standing')
  @ApiOperation({
    summary: 'Suspend, lift a suspension, revoke or record a death (staff); resign (the member)',
  })
  @ApiCreatedResponse({ type: MembershipResponse })
  @ApiConflictResponse({
    type: ProblemResponse,
    description: 'Not allowed from the current status',
  })
  changeStatus(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: ChangeMembershipStatusDto,
  ) {
    return this.memberships.changeStatus(actor, id, dto);
  }
}

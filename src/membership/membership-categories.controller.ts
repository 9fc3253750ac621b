import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Public, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import {
  CreateMembershipCategoryDto,
  MembershipCategoryResponse,
  UpdateMembershipCategoryDto,
} from 'src/membership/dto/membership-category.dto';
import { MembershipCategoriesService } from 'src/membership/membership-categories.service';

@ApiTags('membership')
@Controller('membership-categories')
export class MembershipCategoriesController {
  constructor(private readonly categories: MembershipCategoriesService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Membership categories: who may join, dues, period, grace' })
  @ApiOkResponse({ type: [MembershipCategoryResponse] })
  list() {
    return this.categories.list();
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One membership category' })
  @ApiOkResponse({ type: MembershipCategoryResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@Param('id', UuidParam('id')) id: string) {
    return this.categories.get(id);
  }

  @Post()
  @Staff('configuration')
  @ApiOperation({ summary: 'Configure a membership category' })
  @ApiCreatedResponse({ type: MembershipCategoryResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Code already used' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMembershipCategoryDto) {
    return this.categories.create(actor, dto);
  }

  @Patch(':id')
  @Staff('configuration')
  @ApiOperation({ summary: 'Change a category; periods already invoiced keep their amounts' })
  @ApiOkResponse({ type: MembershipCategoryResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateMembershipCategoryDto,
  ) {
    return this.categories.update(actor, id, dto);
  }
}

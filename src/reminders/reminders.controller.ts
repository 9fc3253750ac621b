import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import {
  CreateReminderStepDto,
  ReminderPassResponse,
  ReminderStepQuery,
  ReminderStepResponse,
  UpdateReminderStepDto,
} from 'src/reminders/dto/reminder.dto';
import { RemindersService } from 'src/reminders/reminders.service';

@ApiTags('reminders')
@Controller('reminders')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('steps')
  @Staff('configuration')
  @ApiOperation({ summary: 'The reminder schedule: each step, its days and its message' })
  @ApiOkResponse({ type: [ReminderStepResponse] })
  steps() {
    return this.reminders.steps();
  }

  @Post('steps')
  @Staff('configuration')
  @ApiOperation({
    summary:
      'Adds a step: for a kind of item, or one profession, credential type or category, with its text per language',
  })
  @ApiCreatedResponse({ type: ReminderStepResponse })
  createStep(@CurrentActor() actor: Actor, @Body() dto: CreateReminderStepDto) {
    return this.reminders.createStep(actor, dto);
  }

  @Patch('steps/:code')
  @Staff('configuration')
  @ApiOperation({
    summary:
      "Changes a step of the schedule: its name, days, message, on or off (a profession's with ?profession=)",
  })
  @ApiOkResponse({ type: ReminderStepResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  updateStep(
    @CurrentActor() actor: Actor,
    @Param('code') code: string,
    @Query() query: ReminderStepQuery,
    @Body() dto: UpdateReminderStepDto,
  ) {
    return this.reminders.updateStep(actor, code, query.profession, dto);
  }

  @Post('passes')
  @Staff('administration')
  @ApiOperation({
    summary: 'Runs the daily reminder pass now; what was sent before is not sent again',
  })
  @ApiCreatedResponse({ type: ReminderPassResponse })
  run(@CurrentActor() actor: Actor) {
    return this.reminders.run(actor);
  }
}

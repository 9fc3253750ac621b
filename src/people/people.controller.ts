import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from 'src/common/validation/validation';
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
import { CreatePersonDto } from 'src/people/dto/create-person.dto';
import { PeopleQuery } from 'src/people/dto/people.query.dto';
import { PersonPage, PersonResponse } from 'src/people/dto/person.response.dto';
import { UpdateContactDetailsDto, UpdatePersonDto } from 'src/people/dto/update-person.dto';
import { PeopleService } from 'src/people/people.service';

@ApiTags('people')
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @Staff('people')
  @ApiOperation({ summary: 'Record a person' })
  @ApiCreatedResponse({ type: PersonResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'National ID already recorded' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePersonDto) {
    return this.people.create(actor, dto);
  }

  @Get()
  @Staff('people')
  @ApiOperation({
    summary: 'Search people by name (case- and accent-insensitive), email, national ID, chapter',
    description: '`total` counts matches up to 10,000; narrow the search past that.',
  })
  @ApiOkResponse({ type: PersonPage })
  search(@CurrentActor() actor: Actor, @Query() query: PeopleQuery) {
    return this.people.search(actor, query);
  }

  @Get('me')
  @AnyAccount()
  @ApiOperation({ summary: 'My own person record' })
  @ApiOkResponse({ type: PersonResponse })
  getMine(@CurrentActor() actor: Actor) {
    return this.people.getMine(actor);
  }

  @Patch('me')
  @AnyAccount()
  @ApiOperation({ summary: 'Change my own contact details' })
  @ApiOkResponse({ type: PersonResponse })
  updateMine(@CurrentActor() actor: Actor, @Body() dto: UpdateContactDetailsDto) {
    return this.people.updateMine(actor, dto);
  }

  @Get(':id')
  @SelfOrStaff('people')
  @ApiOperation({ summary: 'A person record (staff, or the person themselves)' })
  @ApiOkResponse({ type: PersonResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.people.get(actor, id);
  }

  @Patch(':id')
  @Staff('people')
  @ApiOperation({ summary: 'Correct a person record' })
  @ApiOkResponse({ type: PersonResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdatePersonDto,
  ) {
    return this.people.update(actor, id, dto);
  }
}

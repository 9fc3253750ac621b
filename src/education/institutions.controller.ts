import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AnyAccount, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import {
  CreateInstitutionDto,
  InstitutionPage,
  InstitutionResponse,
  InstitutionsQuery,
  UpdateInstitutionDto,
} from 'src/education/dto/institution.dto';
import { InstitutionsService } from 'src/education/institutions.service';

@ApiTags('education')
@Controller('institutions')
export class InstitutionsController {
  constructor(private readonly institutions: InstitutionsService) {}

  @Post()
  @Staff('education')
  @ApiOperation({ summary: 'Record an institution that grants qualifications' })
  @ApiCreatedResponse({ type: InstitutionResponse })
  @ApiConflictResponse({
    type: ProblemResponse,
    description: 'Same name and country already recorded',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInstitutionDto) {
    return this.institutions.create(actor, dto);
  }

  @Get()
  @AnyAccount()
  @ApiOperation({ summary: 'Find institutions by name (case- and accent-insensitive) and country' })
  @ApiOkResponse({ type: InstitutionPage })
  search(@Query() query: InstitutionsQuery) {
    return this.institutions.search(query);
  }

  @Get(':id')
  @AnyAccount()
  @ApiOperation({ summary: 'One institution' })
  @ApiOkResponse({ type: InstitutionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@Param('id', UuidParam('id')) id: string) {
    return this.institutions.get(id);
  }

  @Patch(':id')
  @Staff('education')
  @ApiOperation({ summary: 'Correct an institution or its accreditation' })
  @ApiOkResponse({ type: InstitutionResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateInstitutionDto,
  ) {
    return this.institutions.update(actor, id, dto);
  }
}

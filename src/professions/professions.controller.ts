import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
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
  CreateProfessionDto,
  CreateSpecialityDto,
  ProfessionResponse,
  UpdateProfessionDto,
  UpdateSpecialityDto,
} from 'src/professions/dto/profession.dto';
import { ProfessionsService } from 'src/professions/professions.service';

@ApiTags('professions')
@Controller('professions')
export class ProfessionsController {
  constructor(private readonly professions: ProfessionsService) {}

  @Get()
  @AnyAccount()
  @ApiOperation({ summary: 'The professions of the association, with their specialities' })
  @ApiOkResponse({ type: [ProfessionResponse] })
  list() {
    return this.professions.list();
  }

  @Get(':id')
  @AnyAccount()
  @ApiOperation({ summary: 'One profession with its specialities' })
  @ApiOkResponse({ type: ProfessionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@Param('id', UuidParam('id')) id: string) {
    return this.professions.get(id);
  }

  @Post()
  @Staff('configuration')
  @ApiOperation({ summary: 'Add a profession, with its specialities' })
  @ApiCreatedResponse({ type: ProfessionResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Code or name already used' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProfessionDto) {
    return this.professions.create(actor, dto);
  }

  @Patch(':id')
  @Staff('configuration')
  @ApiOperation({ summary: 'Rename a profession or switch it off (its code stays)' })
  @ApiOkResponse({ type: ProfessionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateProfessionDto,
  ) {
    return this.professions.update(actor, id, dto);
  }

  @Post(':id/specialities')
  @Staff('configuration')
  @ApiOperation({ summary: 'Add a speciality to a profession' })
  @ApiCreatedResponse({ type: ProfessionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Code or name already used' })
  addSpeciality(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: CreateSpecialityDto,
  ) {
    return this.professions.addSpeciality(actor, id, dto);
  }

  @Patch(':id/specialities/:specialityId')
  @Staff('configuration')
  @ApiOperation({ summary: 'Rename a speciality or switch it off (its code stays)' })
  @ApiOkResponse({ type: ProfessionResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  updateSpeciality(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('specialityId', UuidParam('specialityId')) specialityId: string,
    @Body() dto: UpdateSpecialityDto,
  ) {
    return this.professions.updateSpeciality(actor, id, specialityId, dto);
  }
}

import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { AnyAccount, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import {
  CreateDegreeDto,
  DegreeResponse,
  UpdateDegreeDto,
} from 'src/education/dto/qualification.dto';
import { QualificationsService } from 'src/education/qualifications.service';

@ApiTags('education')
@Controller('degrees')
export class DegreesController {
  constructor(private readonly qualifications: QualificationsService) {}

  @Get()
  @AnyAccount()
  @ApiOperation({ summary: 'Degrees known here: the codes categories name, and their spellings' })
  @ApiOkResponse({ type: [DegreeResponse] })
  list() {
    return this.qualifications.degrees();
  }

  @Post()
  @Staff('configuration')
  @ApiOperation({ summary: 'Add a degree, with the ways diplomas write it' })
  @ApiCreatedResponse({ type: DegreeResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDegreeDto) {
    return this.qualifications.addDegree(actor, dto);
  }

  @Patch(':code')
  @Staff('configuration')
  @ApiOperation({ summary: 'Correct a degree: its name, spellings or level (never its code)' })
  @ApiOkResponse({ type: DegreeResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  correct(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() dto: UpdateDegreeDto) {
    return this.qualifications.correctDegree(actor, code, dto);
  }
}

import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { SelfOrStaff, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';
import {
  AssociationActResponse,
  CheckDeclarationDto,
  DeclarationResponse,
  DeclareDto,
  RecordActDto,
} from 'src/people/dto/declarations.dto';
import { DeclarationsService } from 'src/people/declarations.service';

/**
 * A person's declarations (a fact declared with its evidence, checked by staff) and the
 * association's acts about them: what admission requirements such as `{declared}` and `{decided}`
 * read.
 */
@ApiTags('people')
@Controller('people/:id')
export class DeclarationsController {
  constructor(private readonly declarations: DeclarationsService) {}

  @Post('declarations')
  @SelfOrStaff('admissions')
  @ApiOperation({ summary: 'Declare a fact with its evidence (the person, or staff for them)' })
  @ApiCreatedResponse({ type: DeclarationResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  declare(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: DeclareDto,
  ) {
    return this.declarations.declare(actor, id, dto);
  }

  @Get('declarations')
  @SelfOrStaff('admissions')
  @ApiOperation({ summary: "A person's declarations and how each was checked" })
  @ApiOkResponse({ type: [DeclarationResponse] })
  listDeclarations(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.declarations.declarations(actor, id);
  }

  @Post('declarations/:declarationId/check')
  @Staff('admissions')
  @ApiOperation({ summary: 'Check a declaration once: confirmed or refuted, and how' })
  @ApiCreatedResponse({ type: DeclarationResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Checked already' })
  check(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('declarationId', UuidParam('declarationId')) declarationId: string,
    @Body() dto: CheckDeclarationDto,
  ) {
    return this.declarations.check(actor, id, declarationId, dto);
  }

  @Post('acts')
  @Staff('admissions')
  @ApiOperation({ summary: 'Record an act of the association about the person, with its decree' })
  @ApiCreatedResponse({ type: AssociationActResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Recorded already' })
  recordAct(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: RecordActDto,
  ) {
    return this.declarations.recordAct(actor, id, dto);
  }

  @Get('acts')
  @SelfOrStaff('admissions')
  @ApiOperation({ summary: "The association's acts about a person" })
  @ApiOkResponse({ type: [AssociationActResponse] })
  listActs(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.declarations.acts(actor, id);
  }
}

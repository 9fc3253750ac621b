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
import { CredentialTypesService } from 'src/credentials/credential-types.service';
import {
  CreateCredentialTypeDto,
  CredentialTypeResponse,
  UpdateCredentialTypeDto,
} from 'src/credentials/dto/credential-type.dto';

@ApiTags('credentials')
@Controller('credential-types')
export class CredentialTypesController {
  constructor(private readonly types: CredentialTypesService) {}

  @Post()
  @Staff('configuration')
  @ApiOperation({ summary: 'Configure a credential type: issuer, validity, grace, number format' })
  @ApiCreatedResponse({ type: CredentialTypeResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Code already used' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCredentialTypeDto) {
    return this.types.create(actor, dto);
  }

  @Get()
  @AnyAccount()
  @ApiOperation({ summary: 'All credential types' })
  @ApiOkResponse({ type: [CredentialTypeResponse] })
  list() {
    return this.types.list();
  }

  @Get(':id')
  @AnyAccount()
  @ApiOperation({ summary: 'One credential type' })
  @ApiOkResponse({ type: CredentialTypeResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@Param('id', UuidParam('id')) id: string) {
    return this.types.get(id);
  }

  @Patch(':id')
  @Staff('configuration')
  @ApiOperation({ summary: 'Change a credential type (not its code or kind of issuer)' })
  @ApiOkResponse({ type: CredentialTypeResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateCredentialTypeDto,
  ) {
    return this.types.update(actor, id, dto);
  }
}

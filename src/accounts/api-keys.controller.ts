import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeysService } from 'src/accounts/api-keys.service';
import { OrganisationKey, Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import {
  ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
} from 'src/accounts/dto/api-key.dto';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @Staff('administration')
  @ApiOperation({
    summary: 'Issue an API key to an organisation; the key is shown only in this answer',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto) {
    return this.apiKeys.create(actor, dto);
  }

  @Get()
  @Staff('administration')
  @ApiOperation({ summary: 'All API keys (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyResponse] })
  list() {
    return this.apiKeys.list();
  }

  @Get('current')
  @OrganisationKey()
  @ApiOperation({ summary: 'The API key this request is made with' })
  @ApiOkResponse({ type: ApiKeyResponse })
  current(@CurrentActor() actor: Actor) {
    return this.apiKeys.current(actor);
  }

  @Delete(':id')
  @Staff('administration')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key; it stops working at once' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemResponse })
  revoke(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string) {
    return this.apiKeys.revoke(actor, id);
  }
}

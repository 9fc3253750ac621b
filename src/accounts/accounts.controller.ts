import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AccountsService } from 'src/accounts/accounts.service';
import { Staff } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import {
  AccountPage,
  AccountResponse,
  AccountsQuery,
  CreateAccountDto,
  UpdateAccountDto,
} from 'src/accounts/dto/account.dto';
import type { Actor } from 'src/auth/principal';
import { ProblemResponse } from 'src/common/openapi/problem.schema';
import { UuidParam } from 'src/common/validation/validation';

@ApiTags('accounts')
@Controller('accounts')
@Staff('administration')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a staff (or member) account' })
  @ApiCreatedResponse({ type: AccountResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Email already in use' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAccountDto) {
    return this.accounts.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List accounts, by role or email' })
  @ApiOkResponse({ type: AccountPage })
  search(@Query() query: AccountsQuery) {
    return this.accounts.search(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  get(@Param('id', UuidParam('id')) id: string) {
    return this.accounts.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change roles or name, disable or re-enable, lift a lockout' })
  @ApiOkResponse({ type: AccountResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Would leave no active admin' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Body() dto: UpdateAccountDto,
  ) {
    return this.accounts.update(actor, id, dto);
  }
}

import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthService } from 'src/accounts/auth.service';
import { AnyAccount, Public } from 'src/auth/decorators/auth.decorator';
import { CurrentActor } from 'src/auth/decorators/current-actor.decorator';
import { AccountResponse } from 'src/accounts/dto/account.dto';
import {
  ChangePasswordDto,
  LoginDto,
  RefreshDto,
  RegisterDto,
  TokenResponse,
} from 'src/accounts/dto/auth.dto';
import type { Account } from 'src/accounts/entities/account.entity';
import { LocalAuthGuard } from 'src/accounts/guards/local-auth.guard';
import type { Actor } from 'src/auth/principal';
import { StrictRateLimit } from 'src/common/http/throttling';
import { ProblemResponse } from 'src/common/openapi/problem.schema';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @StrictRateLimit()
  @UseGuards(LocalAuthGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ type: ProblemResponse, description: 'Wrong email or password' })
  @ApiResponse({
    status: 423,
    type: ProblemResponse,
    description: 'Locked after repeated failures',
  })
  login(@Req() request: FastifyRequest & { user: Account }, @CurrentActor() actor: Actor) {
    return this.auth.login(request.user, actor);
  }

  @Post('refresh')
  @Public()
  @StrictRateLimit()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new token pair (the old one is spent)' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({
    type: ProblemResponse,
    description: 'Unknown, expired or reused token',
  })
  refresh(@Body() dto: RefreshDto, @CurrentActor() actor: Actor) {
    return this.auth.refresh(dto.refreshToken, actor);
  }

  @Post('register')
  @Public()
  @StrictRateLimit()
  @ApiOperation({ summary: 'Create an applicant account and person record' })
  @ApiCreatedResponse({ type: AccountResponse })
  @ApiConflictResponse({ type: ProblemResponse, description: 'Email already in use' })
  register(@Body() dto: RegisterDto, @CurrentActor() actor: Actor) {
    return this.auth.register(dto, actor);
  }

  @Post('logout')
  @AnyAccount()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session a refresh token belongs to' })
  @ApiNoContentResponse()
  logout(@CurrentActor() actor: Actor, @Body() dto: RefreshDto) {
    return this.auth.logout(actor, dto.refreshToken);
  }

  @Post('password')
  @AnyAccount()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change my password; every session ends' })
  @ApiNoContentResponse()
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(actor, dto);
  }

  @Get('me')
  @AnyAccount()
  @ApiOperation({ summary: 'My account' })
  @ApiOkResponse({ type: AccountResponse })
  me(@CurrentActor() actor: Actor) {
    return this.auth.me(actor);
  }
}

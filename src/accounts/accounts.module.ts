import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { AccountsController } from 'src/accounts/accounts.controller';
import { AccountsRepository } from 'src/accounts/accounts.repository';
import { RefreshTokensRepository } from 'src/accounts/refresh-tokens.repository';
import { AccountsPort } from 'src/accounts/accounts.port';
import { AccountsService } from 'src/accounts/accounts.service';
import { ApiKeysController } from 'src/accounts/api-keys.controller';
import { ApiKeysService } from 'src/accounts/api-keys.service';
import { AuthController } from 'src/accounts/auth.controller';
import { AuthService } from 'src/accounts/auth.service';
import { Account } from 'src/accounts/entities/account.entity';
import { ApiKey } from 'src/accounts/entities/api-key.entity';
import { RefreshToken } from 'src/accounts/entities/refresh-token.entity';
import { ApiKeyStrategy } from 'src/accounts/strategies/api-key.strategy';
import { JwtStrategy } from 'src/accounts/strategies/jwt.strategy';
import { LocalStrategy } from 'src/accounts/strategies/local.strategy';
import { TokensService } from 'src/accounts/tokens.service';
import type { RuntimeSettings } from 'src/config/settings';
import { PeopleModule } from 'src/people/people.module';

@Module({
  imports: [
    TypeOrmModule.forFeature([Account, RefreshToken, ApiKey]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<RuntimeSettings, true>) => ({
        secret: config.get('jwtSecret', { infer: true }),
        signOptions: { algorithm: 'HS256', issuer: 'guildhall' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'guildhall' },
      }),
    }),
    AuditModule,
    PeopleModule,
  ],
  controllers: [AuthController, AccountsController, ApiKeysController],
  providers: [
    AccountsRepository,
    RefreshTokensRepository,
    AuthService,
    AccountsService,
    ApiKeysService,
    AccountsPort,
    TokensService,
    LocalStrategy,
    JwtStrategy,
    ApiKeyStrategy,
  ],
  exports: [AccountsPort],
})
/** Who signs in: accounts, sign-in and tokens, API keys (the kernel of access is src/auth). */
export class AccountsModule {}

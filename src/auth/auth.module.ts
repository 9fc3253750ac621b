import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from 'src/audit/audit.module';
import { AccountsController } from 'src/auth/accounts.controller';
import { AccountsService } from 'src/auth/accounts.service';
import { ApiKeysController } from 'src/auth/api-keys.controller';
import { ApiKeysService } from 'src/auth/api-keys.service';
import { AuthController } from 'src/auth/auth.controller';
import { AuthService } from 'src/auth/auth.service';
import { Account } from 'src/auth/entities/account.entity';
import { ApiKey } from 'src/auth/entities/api-key.entity';
import { RefreshToken } from 'src/auth/entities/refresh-token.entity';
import { ApiKeyStrategy } from 'src/auth/strategies/api-key.strategy';
import { JwtStrategy } from 'src/auth/strategies/jwt.strategy';
import { LocalStrategy } from 'src/auth/strategies/local.strategy';
import { TokensService } from 'src/auth/tokens.service';
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
    AuthService,
    AccountsService,
    ApiKeysService,
    TokensService,
    LocalStrategy,
    JwtStrategy,
    ApiKeyStrategy,
  ],
  exports: [AccountsService],
})
export class AuthModule {}

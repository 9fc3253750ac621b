import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-local';
import { AuthService } from 'src/accounts/auth.service';
import type { Account } from 'src/accounts/entities/account.entity';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  validate(request: FastifyRequest, email: string, password: string): Promise<Account> {
    return this.auth.verifyCredentials(email, password, {
      kind: 'system',
      requestId: request.id,
      ip: request.ip,
    });
  }
}

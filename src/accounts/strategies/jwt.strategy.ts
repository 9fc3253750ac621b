import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from 'src/auth/principal';
import type { AccessClaims } from 'src/accounts/tokens.service';
import { AppError } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';
import { AccountsRepository } from 'src/accounts/accounts.repository';
import { AccountsError } from 'src/accounts/accounts.errors';

/**
 * Access tokens are checked against their account on every request with one primary-key read
 * (AccountsRepository.tokenState): a token issued before the account's roles, password or disabled flag
 * changed carries an older token version and stops working at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: ConfigService<RuntimeSettings, true>,
    private readonly accounts: AccountsRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not a string: jsonwebtoken otherwise tries (and fails) to parse the string as a
      // PEM public key on every request, a fifth of the CPU of an authenticated route (bench/).
      // (passport-jwt's types predate KeyObject; jsonwebtoken accepts it.)
      secretOrKey: createSecretKey(
        Buffer.from(config.get('jwtSecret', { infer: true })),
      ) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: 'guildhall',
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims & { exp?: unknown }): Promise<Principal> {
    // A token that never expires is none of ours: every access token carries its end.
    if (typeof claims.exp !== 'number') {
      throw new AppError('unauthenticated', 'The access token has no expiry; sign in again');
    }
    const account = await this.accounts.tokenState(claims.sub);
    if (!account)
      throw new AppError('unauthenticated', 'The account of this token no longer exists');
    if (account.disabled) throw new AccountsError('account-disabled', 'The account is disabled');
    if (account.tokenVersion !== claims.ver) {
      throw new AppError(
        'unauthenticated',
        'The account changed (roles, password or access) since this token was issued; sign in again',
      );
    }
    return {
      kind: 'account',
      accountId: claims.sub,
      personId: claims.pid,
      roles: claims.roles,
      scope: account.scope,
    };
  }
}

import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from 'src/auth/principal';
import type { AccessClaims } from 'src/auth/tokens.service';
import { AppError } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';

/** Access tokens are verified without a database read: they live minutes, not days. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: ConfigService<RuntimeSettings, true>) {
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

  validate(claims: AccessClaims & { exp?: unknown }): Principal {
    // A token that never expires is none of ours: every access token carries its end.
    if (typeof claims.exp !== 'number') {
      throw new AppError('unauthenticated', 'The access token has no expiry; sign in again');
    }
    return { kind: 'account', accountId: claims.sub, personId: claims.pid, roles: claims.roles };
  }
}

import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from 'src/auth/principal';
import type { AccessClaims } from 'src/auth/tokens.service';
import type { RuntimeSettings } from 'src/config/settings';

/** Access tokens are verified without a database read: they live minutes, not days. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: ConfigService<RuntimeSettings, true>) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.get('jwtSecret', { infer: true }),
      algorithms: ['HS256'],
      issuer: 'guildhall',
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessClaims): Principal {
    return { kind: 'account', accountId: claims.sub, personId: claims.pid, roles: claims.roles };
  }
}

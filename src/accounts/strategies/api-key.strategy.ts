import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { ApiKeysService } from 'src/accounts/api-keys.service';
import type { Principal } from 'src/auth/principal';
import { API_KEY_HEADER } from 'src/common/http/api-key-header';

@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor(private readonly apiKeys: ApiKeysService) {
    super({ header: API_KEY_HEADER, prefix: '' }, false);
  }

  async validate(presented: string): Promise<Principal | false> {
    return (await this.apiKeys.authenticate(presented)) ?? false;
  }
}

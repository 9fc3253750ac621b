import type { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuditService } from 'src/audit/audit.service';
import type {
  ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
} from 'src/accounts/dto/api-key.dto';
import type { ApiKey } from 'src/accounts/entities/api-key.entity';
import { Transactions } from 'src/database/transactions';
import type { Actor, Principal } from 'src/auth/principal';
import { AppError, notFound } from 'src/common/errors/app-error';
import { AccountsRepository } from 'src/accounts/accounts.repository';

const toResponse = (key: ApiKey): ApiKeyResponse => ({
  id: key.id,
  name: key.name,
  organisation: key.organisation,
  prefix: key.prefix,
  createdAt: key.createdAt,
  lastUsedAt: key.lastUsedAt,
  revokedAt: key.revokedAt,
});

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** A key reads `gh_<prefix>_<secret>`: the prefix finds the row, the hash of the whole key proves it. */
const KEY_FORMAT = /^(gh_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: AccountsRepository,
    private readonly audit: AuditService,
  ) {}

  create(
    actor: Actor,
    dto: CreateApiKeyDto,
    within?: EntityManager,
  ): Promise<CreatedApiKeyResponse> {
    const prefix = `gh_${randomBytes(6).toString('hex')}`;
    const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
    return this.transactions.run(async (manager) => {
      const created = await this.repository.insertApiKey(manager, {
        name: dto.name,
        organisation: dto.organisation,
        prefix,
        keyHash: sha256(key).toString('hex'),
        createdByAccountId: actor.kind === 'account' ? actor.accountId : null,
      });
      await this.audit.record(manager, actor, {
        action: 'api_key.created',
        entityType: 'api_key',
        entityId: created.id,
        after: toResponse(created),
      });
      return { ...toResponse(created), key };
    }, within);
  }

  async list(): Promise<ApiKeyResponse[]> {
    const keys = await this.repository.listApiKeys();
    return keys.map(toResponse);
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const key = await this.repository.lockApiKey(manager, id);
      if (!key) throw notFound('API key', id);
      if (key.revokedAt) return;
      const revokedAt = new Date();
      await this.repository.revokeApiKey(manager, id, revokedAt);
      await this.audit.record(manager, actor, {
        action: 'api_key.revoked',
        entityType: 'api_key',
        entityId: id,
        before: { revokedAt: null },
        after: { revokedAt },
      });
    });
  }

  async current(actor: Actor): Promise<ApiKeyResponse> {
    if (actor.kind !== 'api_key')
      throw new AppError('forbidden', 'Call this route with an API key');
    const key = await this.repository.findApiKey(actor.apiKeyId);
    if (!key) throw notFound('API key', actor.apiKeyId);
    return toResponse(key);
  }

  /** Resolves a presented key to its organisation, or null when unknown or revoked. */
  async authenticate(presented: string): Promise<Principal | null> {
    const match = KEY_FORMAT.exec(presented);
    if (!match) return null;
    const key = await this.repository.findApiKeyWithHash(match[1]);
    if (!key || key.revokedAt) return null;
    if (!timingSafeEqual(Buffer.from(key.keyHash, 'hex'), sha256(presented))) return null;
    await this.repository.touchApiKey(key.id);
    return { kind: 'api_key', apiKeyId: key.id, name: key.name, organisation: key.organisation };
  }
}

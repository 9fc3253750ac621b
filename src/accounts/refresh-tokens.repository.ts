import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { RefreshToken } from 'src/accounts/entities/refresh-token.entity';

/** Queries of refresh tokens (sessions), named. */
@Injectable()
export class RefreshTokensRepository {
  /** The token of this hash, locked until the caller's transaction ends: one rotation at a time. */
  lockByHash(manager: EntityManager, tokenHash: string): Promise<RefreshToken | null> {
    return manager.findOne(RefreshToken, {
      where: { tokenHash },
      lock: { mode: 'pessimistic_write' },
    });
  }

  findOfAccount(
    manager: EntityManager,
    tokenHash: string,
    accountId: string,
  ): Promise<RefreshToken | null> {
    return manager.findOneBy(RefreshToken, { tokenHash, accountId });
  }

  async markUsed(manager: EntityManager, id: string): Promise<void> {
    await manager.update(RefreshToken, { id }, { usedAt: new Date() });
  }

  /** Revokes the live tokens of one session (family), or of every session of an account. */
  async revokeLive(
    manager: EntityManager,
    of: { familyId: string } | { accountId: string },
    reason: string,
  ): Promise<void> {
    await manager.update(
      RefreshToken,
      { ...of, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  async insert(
    manager: EntityManager,
    values: Pick<RefreshToken, 'accountId' | 'familyId' | 'tokenHash' | 'expiresAt' | 'createdIp'>,
  ): Promise<void> {
    await manager.insert(RefreshToken, values);
  }
}

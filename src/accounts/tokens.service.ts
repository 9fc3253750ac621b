import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { TokenResponse } from 'src/accounts/dto/auth.dto';
import { Account } from 'src/accounts/entities/account.entity';
import { RefreshToken } from 'src/accounts/entities/refresh-token.entity';
import type { Actor } from 'src/auth/principal';
import type { Role } from 'src/auth/roles';
import type { RuntimeSettings } from 'src/config/settings';
import { AccountsError } from 'src/accounts/accounts.errors';

/** Claims of an access token. */
export interface AccessClaims {
  sub: string;
  roles: Role[];
  pid: string | null;
  /** The account's token version when issued (see JwtStrategy). */
  ver: number;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

type Rotation =
  | { outcome: 'rotated'; tokens: TokenResponse }
  | { outcome: 'reused' | 'invalid' | 'expired' | 'disabled' };

/** Short-lived access JWTs and rotating, single-use refresh tokens stored as hashes. */
@Injectable()
export class TokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<RuntimeSettings, true>,
    private readonly audit: AuditService,
  ) {}

  /** A new session (refresh-token family) for an account that just proved who it is. */
  startSession(
    manager: EntityManager,
    account: Account,
    ip: string | null,
  ): Promise<TokenResponse> {
    return this.issue(manager, account, randomUUID(), ip);
  }

  /** Exchanges a refresh token for a new pair. A spent token presented again ends its whole family. */
  async rotate(rawToken: string, actor: Actor): Promise<TokenResponse> {
    const result = await this.dataSource.transaction(async (manager): Promise<Rotation> => {
      const token = await manager.findOne(RefreshToken, {
        where: { tokenHash: sha256(rawToken) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token || token.revokedAt) return { outcome: 'invalid' };
      if (token.usedAt) {
        await this.revokeFamily(manager, token.familyId, 'reuse_detected');
        await this.audit.record(manager, actor, {
          action: 'session.reuse_detected',
          entityType: 'account',
          entityId: token.accountId,
          after: { familyId: token.familyId },
        });
        return { outcome: 'reused' };
      }
      if (token.expiresAt.getTime() <= Date.now()) return { outcome: 'expired' };
      const account = await manager.findOneByOrFail(Account, { id: token.accountId });
      if (account.disabledAt) {
        await this.revokeFamily(manager, token.familyId, 'account_disabled');
        return { outcome: 'disabled' };
      }
      await manager.update(RefreshToken, { id: token.id }, { usedAt: new Date() });
      const tokens = await this.issue(manager, account, token.familyId, actor.ip);
      return { outcome: 'rotated', tokens };
    });
    switch (result.outcome) {
      case 'rotated':
        return result.tokens;
      case 'reused':
        throw new AccountsError(
          'refresh-token-reused',
          'This refresh token was already used; every session started from it has been ended. Sign in again.',
        );
      case 'invalid':
        throw new AccountsError(
          'invalid-refresh-token',
          'The refresh token is unknown or its session has ended',
        );
      case 'expired':
        throw new AccountsError(
          'invalid-refresh-token',
          'The refresh token has expired; sign in again',
        );
      case 'disabled':
        throw new AccountsError('account-disabled', 'The account is disabled');
    }
  }

  /** Ends the session the refresh token belongs to, if it is the caller's. */
  async endSession(manager: EntityManager, accountId: string, rawToken: string): Promise<boolean> {
    const token = await manager.findOneBy(RefreshToken, { tokenHash: sha256(rawToken), accountId });
    if (!token) return false;
    await this.revokeFamily(manager, token.familyId, 'logout');
    return true;
  }

  async endAllSessions(manager: EntityManager, accountId: string, reason: string): Promise<void> {
    await manager.update(
      RefreshToken,
      { accountId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  private async revokeFamily(manager: EntityManager, familyId: string, reason: string) {
    await manager.update(
      RefreshToken,
      { familyId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  private async issue(
    manager: EntityManager,
    account: Account,
    familyId: string,
    ip: string | null,
  ): Promise<TokenResponse> {
    const refreshToken = randomBytes(32).toString('base64url');
    const days = this.config.get('refreshTokenTtlDays', { infer: true });
    await manager.insert(RefreshToken, {
      accountId: account.id,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + days * 86_400_000),
      createdIp: ip,
    });
    const claims: AccessClaims = {
      sub: account.id,
      roles: account.roles,
      pid: account.personId,
      ver: account.tokenVersion,
    };
    const expiresIn = this.config.get('accessTokenTtlSeconds', { infer: true });
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return { tokenType: 'Bearer', accessToken, expiresIn, refreshToken };
  }
}

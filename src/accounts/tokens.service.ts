import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import type { TokenResponse } from 'src/accounts/dto/auth.dto';
import type { Account } from 'src/accounts/entities/account.entity';
import { AccountsRepository } from 'src/accounts/accounts.repository';
import { RefreshTokensRepository } from 'src/accounts/refresh-tokens.repository';
import { Transactions } from 'src/database/transactions';
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
    private readonly transactions: Transactions,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly accounts: AccountsRepository,
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
    const result = await this.transactions.run(async (manager): Promise<Rotation> => {
      const token = await this.refreshTokens.lockByHash(manager, sha256(rawToken));
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
      const account = await this.accounts.find(manager, token.accountId);
      if (!account || account.disabledAt) {
        await this.revokeFamily(manager, token.familyId, 'account_disabled');
        return { outcome: 'disabled' };
      }
      await this.refreshTokens.markUsed(manager, token.id);
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
    const token = await this.refreshTokens.findOfAccount(manager, sha256(rawToken), accountId);
    if (!token) return false;
    await this.revokeFamily(manager, token.familyId, 'logout');
    return true;
  }

  endAllSessions(manager: EntityManager, accountId: string, reason: string): Promise<void> {
    return this.refreshTokens.revokeLive(manager, { accountId }, reason);
  }

  private revokeFamily(manager: EntityManager, familyId: string, reason: string) {
    return this.refreshTokens.revokeLive(manager, { familyId }, reason);
  }

  private async issue(
    manager: EntityManager,
    account: Account,
    familyId: string,
    ip: string | null,
  ): Promise<TokenResponse> {
    const refreshToken = randomBytes(32).toString('base64url');
    const days = this.config.get('refreshTokenTtlDays', { infer: true });
    await this.refreshTokens.insert(manager, {
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

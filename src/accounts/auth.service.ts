import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { AuditService } from 'src/audit/audit.service';
import { requireAccount } from 'src/auth/access';
import { toAccountResponse } from 'src/accounts/accounts.service';
import type { AccountResponse } from 'src/accounts/dto/account.dto';
import type { ChangePasswordDto, RegisterDto, TokenResponse } from 'src/accounts/dto/auth.dto';
import type { Account } from 'src/accounts/entities/account.entity';
import { Transactions } from 'src/database/transactions';
import { hashPassword, verifyAgainstDummy, verifyPassword } from 'src/accounts/passwords';
import type { Actor } from 'src/auth/principal';
import { TokensService } from 'src/accounts/tokens.service';
import { AppError } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';
import { PeoplePort } from 'src/people/people.port';
import { AccountsRepository } from 'src/accounts/accounts.repository';
import { AccountsError } from 'src/accounts/accounts.errors';

const invalidCredentials = () =>
  new AccountsError('invalid-credentials', 'Email or password is wrong');

@Injectable()
export class AuthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: AccountsRepository,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
    private readonly people: PeoplePort,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {}

  /**
   * Checks an email and password (passport-local). Repeated failures lock the account for a
   * while; a locked account is refused even with the right password.
   */
  async verifyCredentials(email: string, password: string, actor: Actor): Promise<Account> {
    const account = await this.repository.findWithPassword({ email });
    if (!account) {
      await verifyAgainstDummy(password);
      throw invalidCredentials();
    }
    if (account.lockedUntil && account.lockedUntil.getTime() > Date.now()) {
      throw this.locked(account.lockedUntil);
    }
    if (!(await verifyPassword(account.passwordHash, password))) {
      const lockedUntil = await this.recordFailure(account.id, actor);
      throw lockedUntil ? this.locked(lockedUntil) : invalidCredentials();
    }
    if (account.disabledAt) throw new AccountsError('account-disabled', 'The account is disabled');
    return account;
  }

  login(account: Account, actor: Actor): Promise<TokenResponse> {
    return this.transactions.run(async (manager) => {
      await this.repository.recordSignIn(manager, account.id);
      await this.audit.record(manager, actorFor(account, actor), {
        action: 'account.signed_in',
        entityType: 'account',
        entityId: account.id,
      });
      return this.tokens.startSession(manager, account, actor.ip);
    });
  }

  refresh(refreshToken: string, actor: Actor): Promise<TokenResponse> {
    return this.tokens.rotate(refreshToken, actor);
  }

  async logout(actor: Actor, refreshToken: string): Promise<void> {
    const { accountId } = requireAccount(actor);
    await this.transactions.run(async (manager) => {
      if (!(await this.tokens.endSession(manager, accountId, refreshToken))) {
        throw new AccountsError(
          'invalid-refresh-token',
          'The refresh token is not one of your sessions',
        );
      }
      await this.audit.record(manager, actor, {
        action: 'account.signed_out',
        entityType: 'account',
        entityId: accountId,
      });
    });
  }

  /** A new password ends every session; the caller signs in again. */
  async changePassword(actor: Actor, dto: ChangePasswordDto): Promise<void> {
    const { accountId } = requireAccount(actor);
    const account = await this.repository.findWithPassword({ id: accountId });
    if (!account) throw new AppError('unauthenticated', 'The account no longer exists');
    if (!(await verifyPassword(account.passwordHash, dto.currentPassword))) {
      throw new AppError('validation-failed', 'Check these fields: currentPassword', {
        errors: [{ field: 'currentPassword', message: 'currentPassword is wrong' }],
      });
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.transactions.run(async (manager) => {
      const passwordChangedAt = new Date();
      await this.repository.changePassword(manager, accountId, passwordHash, passwordChangedAt);
      await this.tokens.endAllSessions(manager, accountId, 'password_changed');
      await this.audit.record(manager, actor, {
        action: 'account.password_changed',
        entityType: 'account',
        entityId: accountId,
        after: { passwordChangedAt },
      });
    });
  }

  /** Self-registration of an applicant: a person record and a member account, together. */
  async register(dto: RegisterDto, requestActor: Actor): Promise<AccountResponse> {
    const passwordHash = await hashPassword(dto.password);
    const accountId = randomUUID();
    const actor: Actor = {
      kind: 'account',
      accountId,
      personId: null,
      roles: ['member'],
      requestId: requestActor.requestId,
      ip: requestActor.ip,
    };
    const account = await this.transactions.run(async (manager) => {
      const person = await this.people.createWith(manager, actor, {
        fullName: dto.fullName,
        email: dto.email,
      });
      const created = await this.repository.insert(manager, {
        id: accountId,
        email: dto.email,
        passwordHash,
        displayName: dto.fullName,
        roles: ['member'],
        personId: person.id,
      });
      await this.audit.record(
        manager,
        { ...actor, personId: person.id },
        {
          action: 'account.registered',
          entityType: 'account',
          entityId: accountId,
          after: toAccountResponse(created),
        },
      );
      return created;
    });
    return toAccountResponse(account);
  }

  async me(actor: Actor): Promise<AccountResponse> {
    const { accountId } = requireAccount(actor);
    const account = await this.repository.find(this.transactions.reader, accountId);
    if (!account) throw new AppError('unauthenticated', 'The account no longer exists');
    return toAccountResponse(account);
  }

  /** Counts a failed sign-in; returns the lock end when this failure locks the account. */
  private recordFailure(accountId: string, actor: Actor): Promise<Date | null> {
    const maxFailures = this.config.get('loginMaxFailures', { infer: true });
    const lockMinutes = this.config.get('loginLockoutMinutes', { infer: true });
    return this.transactions.run(async (manager) => {
      const account = await this.repository.lockForChange(manager, accountId);
      if (!account) return null;
      const failures = account.failedLoginCount + 1;
      if (failures < maxFailures) {
        await this.repository.recordFailures(manager, accountId, failures);
        return null;
      }
      const lockedUntil = new Date(Date.now() + lockMinutes * 60_000);
      await this.repository.recordFailures(manager, accountId, 0, lockedUntil);
      await this.audit.record(manager, actor, {
        action: 'account.locked',
        entityType: 'account',
        entityId: accountId,
        after: { lockedUntil, failedSignIns: failures },
      });
      return lockedUntil;
    });
  }

  private locked(until: Date): AppError {
    return new AccountsError(
      'account-locked',
      `Too many failed sign-ins; the account is locked until ${until.toISOString()}`,
      { lockedUntil: until.toISOString() },
    );
  }
}

/** The account acting on its own sign-in, with the request's id and address. */
function actorFor(account: Account, request: Actor): Actor {
  return {
    kind: 'account',
    accountId: account.id,
    personId: account.personId,
    roles: account.roles,
    requestId: request.requestId,
    ip: request.ip,
  };
}

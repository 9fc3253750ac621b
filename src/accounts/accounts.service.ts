import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import type {
  AccountResponse,
  AccountsQuery,
  CreateAccountDto,
  UpdateAccountDto,
} from 'src/accounts/dto/account.dto';
import type { Account } from 'src/accounts/entities/account.entity';
import { Transactions } from 'src/database/transactions';
import { hashPassword } from 'src/accounts/passwords';
import { staffScope, SYSTEM_ACTOR, type Actor } from 'src/auth/principal';
import { TokensService } from 'src/accounts/tokens.service';
import { AppError, notFound } from 'src/common/errors/app-error';
import { type Page, paginate } from 'src/common/paging';
import type { RuntimeSettings } from 'src/config/settings';
import { AccountsRepository } from 'src/accounts/accounts.repository';
import { AccountsError } from 'src/accounts/accounts.errors';

export const toAccountResponse = (account: Account): AccountResponse => ({
  id: account.id,
  email: account.email,
  displayName: account.displayName,
  roles: account.roles,
  personId: account.personId,
  scope: staffScope(account.scopeProfessionId, account.scopeChapterId),
  disabled: account.disabledAt !== null,
  lockedUntil: account.lockedUntil && account.lockedUntil > new Date() ? account.lockedUntil : null,
  lastLoginAt: account.lastLoginAt,
  createdAt: account.createdAt,
});

const AUDITED_FIELDS: (keyof AccountResponse)[] = [
  'displayName',
  'roles',
  'scope',
  'disabled',
  'lockedUntil',
];

/** Only staff work in a scope: an admin or a member acts on the whole association or on themselves. */
function requireScopedStaffOnly(
  roles: readonly string[],
  scope: { professionId?: string | null; chapterId?: string | null } | null | undefined,
) {
  if (
    (scope?.professionId || scope?.chapterId) &&
    roles.some((r) => r === 'admin' || r === 'member')
  ) {
    throw new AppError('validation-failed', 'Check these fields: scope', {
      errors: [
        {
          field: 'scope',
          message:
            'scope is for staff accounts: an admin or a member acts on the whole association',
        },
      ],
    });
  }
}

export interface FirstAdmin {
  email: string;
  /** Set when the password was generated: printed once, never stored in clear. */
  generatedPassword?: string;
}

/** Staff and member accounts as admins manage them. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: AccountsRepository,
    private readonly audit: AuditService,
    private readonly tokens: TokensService,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {}

  async create(actor: Actor, dto: CreateAccountDto): Promise<AccountResponse> {
    if (dto.roles.includes('member') && !dto.personId) {
      throw new AppError('validation-failed', 'Check these fields: personId', {
        errors: [{ field: 'personId', message: 'personId is required for a member account' }],
      });
    }
    requireScopedStaffOnly(dto.roles, dto.scope);
    const passwordHash = await hashPassword(dto.password);
    return this.transactions.run(async (manager) => {
      const account = await this.insert(manager, { ...dto, passwordHash });
      await this.audit.record(manager, actor, {
        action: 'account.created',
        entityType: 'account',
        entityId: account.id,
        after: toAccountResponse(account),
      });
      return toAccountResponse(account);
    });
  }

  async search(query: AccountsQuery): Promise<Page<AccountResponse>> {
    const qb = this.repository.searchQuery({ role: query.role, email: query.email });
    return paginate(qb, query, toAccountResponse);
  }

  async get(id: string): Promise<AccountResponse> {
    const account = await this.repository.find(this.transactions.reader, id);
    if (!account) throw notFound('Account', id);
    return toAccountResponse(account);
  }

  update(actor: Actor, id: string, dto: UpdateAccountDto): Promise<AccountResponse> {
    return this.transactions.run(async (manager) => {
      // Role and status changes queue behind each other, so two admins cannot demote each other at once.
      if (dto.roles || dto.disabled !== undefined) {
        await this.repository.lockAdminChanges(manager);
      }
      const account = await this.repository.lockForChange(manager, id);
      if (!account) throw notFound('Account', id);
      const before = toAccountResponse(account);
      const roles = dto.roles ?? account.roles;
      if (roles.includes('member') && !account.personId) {
        throw new AccountsError(
          'member-without-person',
          'A member account needs a linked person record',
        );
      }
      const losesAdmin =
        account.roles.includes('admin') && (!roles.includes('admin') || dto.disabled === true);
      if (losesAdmin && account.disabledAt === null) await this.keepAnotherAdmin(manager, id);

      const rolesChanged =
        roles.length !== account.roles.length ||
        roles.some((role) => !account.roles.includes(role));
      const disabledChanged =
        dto.disabled !== undefined && dto.disabled !== (account.disabledAt !== null);
      // Tokens issued before a change of roles or of the disabled flag stop working at once.
      if (rolesChanged || disabledChanged) account.tokenVersion += 1;
      account.roles = roles;
      account.displayName = dto.displayName ?? account.displayName;
      if (dto.scope !== undefined) {
        account.scopeProfessionId = dto.scope?.professionId ?? null;
        account.scopeChapterId = dto.scope?.chapterId ?? null;
      }
      requireScopedStaffOnly(roles, {
        professionId: account.scopeProfessionId,
        chapterId: account.scopeChapterId,
      });
      if (dto.disabled !== undefined)
        account.disabledAt = dto.disabled ? (account.disabledAt ?? new Date()) : null;
      if (dto.unlock) {
        account.lockedUntil = null;
        account.failedLoginCount = 0;
      }
      const saved = await this.repository.save(manager, account);
      if (dto.disabled) await this.tokens.endAllSessions(manager, id, 'account_disabled');
      const diff = changedFields(before, toAccountResponse(saved), AUDITED_FIELDS);
      if (diff.changed.length) {
        await this.audit.record(manager, actor, {
          action: 'account.updated',
          entityType: 'account',
          entityId: id,
          before: diff.before,
          after: diff.after,
        });
      }
      return toAccountResponse(saved);
    });
  }

  /**
   * Creates the first admin on an empty system, from ADMIN_EMAIL/ADMIN_PASSWORD or with a
   * generated password. Does nothing once any admin exists.
   */
  async ensureFirstAdmin(): Promise<FirstAdmin | null> {
    const email = this.config.get('adminEmail', { infer: true });
    const given = this.config.get('adminPassword', { infer: true });
    return this.transactions.run(async (manager) => {
      await this.repository.lockFirstAdmin(manager);
      if (await this.repository.anyAdmin(manager)) return null;
      const password = given ?? randomBytes(18).toString('base64url');
      const account = await this.insert(manager, {
        email,
        passwordHash: await hashPassword(password),
        displayName: 'Administrator',
        roles: ['admin'],
      });
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'account.created',
        entityType: 'account',
        entityId: account.id,
        after: toAccountResponse(account),
      });
      return given ? { email } : { email, generatedPassword: password };
    });
  }

  private insert(
    manager: EntityManager,
    values: Pick<Account, 'email' | 'passwordHash' | 'displayName' | 'roles'> & {
      personId?: string;
      scope?: { professionId?: string | null; chapterId?: string | null } | null;
    },
  ): Promise<Account> {
    return this.repository.insert(manager, {
      email: values.email,
      passwordHash: values.passwordHash,
      displayName: values.displayName,
      roles: values.roles,
      personId: values.personId ?? null,
      scopeProfessionId: values.scope?.professionId ?? null,
      scopeChapterId: values.scope?.chapterId ?? null,
    });
  }

  private async keepAnotherAdmin(manager: EntityManager, leavingId: string): Promise<void> {
    const admins = await this.repository.activeAdmins(manager);
    if (!admins.some((admin) => admin.id !== leavingId)) {
      throw new AccountsError('last-admin', 'At least one active admin must remain');
    }
  }
}

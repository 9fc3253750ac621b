import { Injectable } from '@nestjs/common';
import { staffScope, type StaffScope } from 'src/auth/principal';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { QuickReads } from 'src/database/quick-reads';
import { Account } from 'src/accounts/entities/account.entity';
import { ApiKey } from 'src/accounts/entities/api-key.entity';
import type { Role } from 'src/auth/roles';

/** Role and status changes queue behind each other, so two admins cannot demote each other at once. */
const ADMIN_CHANGES_LOCK_KEY = 'guildhall:admin-changes';
/** Two instances starting together on an empty database create one first admin. */
const FIRST_ADMIN_LOCK_KEY = 'guildhall:first-admin';

/** Every query of accounts and API keys, named. */
@Injectable()
export class AccountsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly quickReads: QuickReads,
  ) {}

  /**
   * What an access token is checked against on every request: one primary-key read through a
   * prepared statement on the quick-read pool (the cheapest way there is).
   */
  async tokenState(
    accountId: string,
  ): Promise<{ tokenVersion: number; disabled: boolean; scope: StaffScope | null } | undefined> {
    const [row] = await this.quickReads.query<{
      token_version: number;
      disabled: boolean;
      scope_profession_id: string | null;
      scope_chapter_id: string | null;
    }>(
      'account_token_state',
      `SELECT token_version, disabled_at IS NOT NULL AS disabled, scope_profession_id, scope_chapter_id
         FROM accounts WHERE id = $1`,
      [accountId],
    );
    return (
      row && {
        tokenVersion: row.token_version,
        disabled: row.disabled,
        scope: staffScope(row.scope_profession_id, row.scope_chapter_id),
      }
    );
  }

  searchQuery(filters: { role?: Role; email?: string }): SelectQueryBuilder<Account> {
    const qb = this.dataSource.getRepository(Account).createQueryBuilder('a');
    if (filters.role) qb.andWhere(':role = ANY(a.roles)', { role: filters.role });
    if (filters.email) qb.andWhere('lower(a.email) = lower(:email)', { email: filters.email });
    return qb.orderBy('a.created_at', 'ASC').addOrderBy('a.id', 'ASC');
  }

  async lockAdminChanges(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [ADMIN_CHANGES_LOCK_KEY]);
  }

  async lockFirstAdmin(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [FIRST_ADMIN_LOCK_KEY]);
  }

  anyAdmin(manager: EntityManager): Promise<boolean> {
    return manager.createQueryBuilder(Account, 'a').where(`'admin' = ANY(a.roles)`).getExists();
  }

  activeAdmins(manager: EntityManager): Promise<Account[]> {
    return manager
      .createQueryBuilder(Account, 'a')
      .where(`'admin' = ANY(a.roles)`)
      .andWhere('a.disabled_at IS NULL')
      .getMany();
  }

  /** The account with its password hash (never selected otherwise), by email or by id. */
  findWithPassword(by: { email: string } | { id: string }): Promise<Account | null> {
    const qb = this.dataSource
      .getRepository(Account)
      .createQueryBuilder('a')
      .addSelect('a.passwordHash');
    return (
      'email' in by
        ? qb.where('lower(a.email) = lower(:email)', { email: by.email })
        : qb.where('a.id = :id', { id: by.id })
    ).getOne();
  }

  /** The API key of a prefix, with its hash (never selected otherwise). */
  findApiKeyWithHash(prefix: string): Promise<ApiKey | null> {
    return this.dataSource
      .getRepository(ApiKey)
      .createQueryBuilder('k')
      .addSelect('k.keyHash')
      .where('k.prefix = :prefix', { prefix })
      .getOne();
  }

  /** Last use kept to the minute: one write per key per minute, not one per request. */
  async touchApiKey(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  find(manager: EntityManager, id: string): Promise<Account | null> {
    return manager.findOneBy(Account, { id });
  }

  /** The account, locked until the caller's transaction ends: changes to one account queue. */
  lockForChange(manager: EntityManager, id: string): Promise<Account | null> {
    return manager.findOne(Account, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  save(manager: EntityManager, account: Account): Promise<Account> {
    return manager.save(account);
  }

  /** Inserts an account (its id given or generated) and returns it as stored. */
  async insert(
    manager: EntityManager,
    values: Pick<Account, 'email' | 'passwordHash' | 'displayName' | 'roles' | 'personId'> &
      Partial<Pick<Account, 'scopeProfessionId' | 'scopeChapterId'>> & {
        id?: string;
      },
  ): Promise<Account> {
    const { identifiers } = await manager.insert(Account, {
      ...values,
      passwordChangedAt: new Date(),
    });
    return manager.findOneByOrFail(Account, { id: identifiers[0].id as string });
  }

  async recordSignIn(manager: EntityManager, id: string): Promise<void> {
    await manager.update(
      Account,
      { id },
      { failedLoginCount: 0, lockedUntil: null, lastLoginAt: new Date() },
    );
  }

  /** Sets the failed sign-in count, and the lock's end when this failure locks the account. */
  async recordFailures(
    manager: EntityManager,
    id: string,
    failedLoginCount: number,
    lockedUntil?: Date,
  ): Promise<void> {
    await manager.update(
      Account,
      { id },
      { failedLoginCount, ...(lockedUntil && { lockedUntil }) },
    );
  }

  /** A new password; tokens issued before it stop working. */
  async changePassword(
    manager: EntityManager,
    id: string,
    passwordHash: string,
    passwordChangedAt: Date,
  ): Promise<void> {
    await manager.update(Account, { id }, { passwordHash, passwordChangedAt });
    await manager.increment(Account, { id }, 'tokenVersion', 1);
  }

  async insertApiKey(
    manager: EntityManager,
    values: Pick<ApiKey, 'name' | 'organisation' | 'prefix' | 'keyHash' | 'createdByAccountId'>,
  ): Promise<ApiKey> {
    const { identifiers } = await manager.insert(ApiKey, values);
    return manager.findOneByOrFail(ApiKey, { id: identifiers[0].id as string });
  }

  listApiKeys(): Promise<ApiKey[]> {
    return this.dataSource.getRepository(ApiKey).find({ order: { createdAt: 'DESC' } });
  }

  findApiKey(id: string): Promise<ApiKey | null> {
    return this.dataSource.getRepository(ApiKey).findOneBy({ id });
  }

  /** The key, locked until the caller's transaction ends. */
  lockApiKey(manager: EntityManager, id: string): Promise<ApiKey | null> {
    return manager.findOne(ApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async revokeApiKey(manager: EntityManager, id: string, revokedAt: Date): Promise<void> {
    await manager.update(ApiKey, { id }, { revokedAt });
  }
}

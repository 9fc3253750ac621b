import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccountsRepository } from 'src/accounts/accounts.repository';
import { ApiKeysService } from 'src/accounts/api-keys.service';
import type { Actor } from 'src/auth/principal';
import type { Role } from 'src/auth/roles';
import { notFound } from 'src/common/errors/app-error';

/** A staff account as another module weighs it (a case officer, say). */
export interface StaffAccount {
  id: string;
  roles: Role[];
  disabled: boolean;
  personId: string | null;
  /** The chapter a scoped account works for, null for one that is not scoped to a chapter. */
  chapterId: string | null;
}

/**
 * What other modules may ask of accounts: each method works in the caller's transaction, takes no
 * access decision and builds no response. The actor passed to a write is the one its audit row names.
 */
@Injectable()
export class AccountsPort {
  constructor(
    private readonly repository: AccountsRepository,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** The account, or 404 when there is none. */
  async staffAccount(manager: EntityManager, id: string): Promise<StaffAccount> {
    const account = await this.repository.find(manager, id);
    if (!account) throw notFound('Account', id);
    return {
      id: account.id,
      roles: account.roles,
      disabled: account.disabledAt !== null,
      personId: account.personId,
      chapterId: account.scopeChapterId,
    };
  }

  /** A new API key for an organisation (an accredited CPD provider): its id and the key, shown once. */
  async issueApiKey(
    manager: EntityManager,
    actor: Actor,
    organisation: { name: string; organisation: string },
  ): Promise<{ id: string; key: string }> {
    const { id, key } = await this.apiKeys.create(actor, organisation, manager);
    return { id, key };
  }
}

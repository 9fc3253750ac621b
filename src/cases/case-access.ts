import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { requireAccount } from 'src/auth/access';
import type { AccountActor, Actor } from 'src/auth/principal';
import { CasesRepository } from 'src/cases/cases.repository';
import type { EthicsCase } from 'src/cases/entities/ethics-case.entity';
import { notFound } from 'src/common/errors/app-error';
import type { RuntimeSettings } from 'src/config/settings';
import { Transactions } from 'src/database/transactions';
import { MembershipPort } from 'src/membership/membership.port';

export const CASE = 'Case';

/** How a caller stands toward a case they may see: runs it (admin, assigned officer), or answers it. */
export type Standing = 'staff' | 'respondent';

/**
 * Who may see and act on a case: admins and the ethics officers assigned to it, unless a conflict
 * keeps them off it, and (redacted) its respondent; to anyone else a case does not exist (404).
 */
@Injectable()
export class CaseAccess {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CasesRepository,
    private readonly memberships: MembershipPort,
    private readonly config: ConfigService<RuntimeSettings, true>,
  ) {}

  /** Who the caller is to the case; a case the caller may not see answers as missing. */
  async standingOn(actor: Actor, id: string): Promise<{ found: EthicsCase; standing: Standing }> {
    const account = requireAccount(actor);
    const found = await this.repository.findWithComplaint(this.transactions.reader, id);
    if (found) {
      const staff =
        account.roles.includes('admin') ||
        (account.roles.includes('ethics_officer') &&
          (await this.repository.isAssigned(this.transactions.reader, id, account.accountId)));
      // A conflict of interest keeps even an admin off the case: it is as if it did not exist.
      if (staff) {
        const conflict = await this.conflictOf(this.transactions.reader, found, {
          accountId: account.accountId,
          personId: account.roles.includes('admin') ? null : account.personId,
          chapterId: account.roles.includes('admin') ? null : (account.scope?.chapterId ?? null),
        });
        if (conflict) throw notFound(CASE, id);
        return { found, standing: 'staff' };
      }
      if (account.personId !== null && account.personId === found.respondentPersonId) {
        return { found, standing: 'respondent' };
      }
    }
    throw notFound(CASE, id);
  }
  /** The caller as an officer on the case (assigned, not recused) or an admin; else 404. */
  async requireStaffOn(actor: Actor, id: string): Promise<AccountActor> {
    const { standing } = await this.standingOn(actor, id);
    if (standing !== 'staff') throw notFound(CASE, id);
    return requireAccount(actor);
  }
  /**
   * Why an officer may not take part in a case, or null: a declared conflict, or (where the
   * association says so) membership of the respondent's chapter.
   */
  async conflictOf(
    manager: EntityManager,
    found: EthicsCase,
    officer: { accountId: string; personId: string | null; chapterId: string | null },
  ): Promise<string | null> {
    if (await this.repository.isRecused(manager, found.id, officer.accountId)) {
      return 'they declared a conflict of interest';
    }
    // An appeal is heard by others than those who ran the case it is against.
    const first = found.appealOfCaseId;
    if (first && (await this.repository.isAssigned(manager, first, officer.accountId))) {
      return 'they ran the case under appeal';
    }
    if (first && (await this.repository.isRecused(manager, first, officer.accountId))) {
      return 'they declared a conflict of interest on the case under appeal';
    }
    if (!this.config.get('ethicsRecuseSameChapter', { infer: true }) || !found.respondentPersonId) {
      return null;
    }
    const respondentChapter = await this.memberships.chapterOfPerson(
      manager,
      found.respondentPersonId,
    );
    const officerChapter =
      officer.chapterId ??
      (officer.personId ? await this.memberships.chapterOfPerson(manager, officer.personId) : null);
    return respondentChapter !== null && respondentChapter === officerChapter
      ? "they belong to the respondent's chapter"
      : null;
  }
  /** The case locked for a change; a missing one is a 404. */
  async lock(manager: EntityManager, id: string): Promise<EthicsCase> {
    const found = await this.repository.lockForChange(manager, id);
    if (!found) throw notFound(CASE, id);
    return found;
  }
}

import { Injectable } from '@nestjs/common';
import { AccountsPort } from 'src/accounts/accounts.port';
import { AuditService } from 'src/audit/audit.service';
import type { AccountActor, Actor } from 'src/auth/principal';
import { isClosed } from 'src/cases/case-rules';
import { CasesError } from 'src/cases/cases.errors';
import { CaseAccess } from 'src/cases/case-access';
import { CaseViews } from 'src/cases/case-views';
import { CasesRepository } from 'src/cases/cases.repository';
import type {
  AssignCaseDto,
  CaseRecusalResponse,
  RecuseDto,
  CaseResponse,
} from 'src/cases/dto/case.dto';
import { Calendar } from 'src/common/calendar';
import { Transactions } from 'src/database/transactions';

/** Who runs a case: officers assigned to it by an admin, and officers who step off it. */
@Injectable()
export class CaseStaffingService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CasesRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly accounts: AccountsPort,
    private readonly access: CaseAccess,
    private readonly views: CaseViews,
  ) {}

  /** An admin assigns an ethics officer to run the case, or to sit on its hearing panel. */
  async assign(actor: AccountActor, id: string, dto: AssignCaseDto): Promise<CaseResponse> {
    const officer = await this.accounts.staffAccount(this.transactions.reader, dto.accountId);
    if (!officer.roles.includes('ethics_officer') || officer.disabled) {
      throw new CasesError(
        'not-an-ethics-officer',
        `Account ${dto.accountId} is not an active ethics officer`,
      );
    }
    await this.transactions.run(async (manager) => {
      const current = await this.access.lock(manager, id);
      if (isClosed(current.status)) {
        throw new CasesError('case-closed', `The case is ${current.status}: it takes no one new`);
      }
      const conflict = await this.access.conflictOf(manager, current, {
        accountId: officer.id,
        personId: officer.personId,
        chapterId: officer.chapterId,
      });
      if (conflict) {
        throw new CasesError(
          'officer-recused',
          `Account ${officer.id} is kept off the case: ${conflict}`,
        );
      }
      const role = dto.role ?? 'officer';
      if (!(await this.repository.assign(manager, { caseId: id, accountId: dto.accountId, role })))
        return;
      await this.repository.insertEvent(manager, {
        caseId: id,
        kind: 'assigned',
        text: role,
        subjectAccountId: dto.accountId,
        actorAccountId: actor.accountId,
        occurredOn: this.calendar.today(),
      });
      await this.audit.record(manager, actor, {
        action: 'ethics_case.assigned',
        entityType: 'ethics_case',
        entityId: id,
        after: { accountId: dto.accountId, role },
      });
    });
    return this.views.get(actor, id);
  }
  /**
   * Declares a conflict of interest: the officer (or admin) is taken off the case and never
   * reads or acts on it again; the recusal and its reason are on the timeline.
   */
  async recuse(actor: Actor, id: string, dto: RecuseDto): Promise<CaseRecusalResponse> {
    const account = await this.access.requireStaffOn(actor, id);
    return this.transactions.run(async (manager) => {
      await this.access.lock(manager, id);
      await this.repository.recuse(manager, {
        caseId: id,
        accountId: account.accountId,
        reason: dto.reason,
      });
      const declaredOn = this.calendar.today();
      await this.repository.insertEvent(manager, {
        caseId: id,
        kind: 'recused',
        text: dto.reason,
        confidential: true,
        subjectAccountId: account.accountId,
        actorAccountId: account.accountId,
        occurredOn: declaredOn,
      });
      await this.audit.record(manager, actor, {
        action: 'ethics_case.recused',
        entityType: 'ethics_case',
        entityId: id,
        after: { accountId: account.accountId, reason: dto.reason },
      });
      return { caseId: id, accountId: account.accountId, reason: dto.reason, declaredOn };
    });
  }
}

import { Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import { requireAccount } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { isClosed } from 'src/cases/case-rules';
import { CasesError } from 'src/cases/cases.errors';
import { CaseAccess } from 'src/cases/case-access';
import { CaseViews, groupBy } from 'src/cases/case-views';
import { CasesRepository } from 'src/cases/cases.repository';
import type { ClockActionDto, DueClockResponse, CaseResponse } from 'src/cases/dto/case.dto';
import { Calendar } from 'src/common/calendar';
import { AppError } from 'src/common/errors/app-error';
import { Transactions } from 'src/database/transactions';

/** The procedure's clocks on the cases an officer runs: what is due, and pausing, resuming or extending one. */
@Injectable()
export class CaseClocksService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CasesRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly access: CaseAccess,
    private readonly views: CaseViews,
  ) {}

  /** The clocks running on the cases the caller runs, soonest due first; overdue ones lead. */
  async due(actor: Actor): Promise<DueClockResponse[]> {
    const account = requireAccount(actor);
    const qb = this.repository.pageQuery({
      assignedTo: account.roles.includes('admin') ? undefined : account.accountId,
    });
    const open = (await qb.getMany()).filter((found) => !isClosed(found.status));
    const ids = open.map((found) => found.id);
    const timeline = groupBy(await this.repository.timelineOf(this.transactions.reader, ids));
    const clocks = await this.views.clocksOf(open, timeline);
    return open
      .flatMap((found) =>
        (clocks.get(found.id) ?? [])
          .filter((clock) => clock.stoppedOn === null)
          .map((clock) => ({
            caseId: found.id,
            reference: found.complaint!.reference,
            status: found.status,
            clock,
          })),
      )
      .sort((a, b) => a.clock.dueOn.localeCompare(b.clock.dueOn));
  }
  /** Pauses, resumes or extends a running clock: only with a reason, kept on the timeline. */
  async clock(
    actor: Actor,
    id: string,
    name: string,
    action: string,
    dto: ClockActionDto,
  ): Promise<CaseResponse> {
    if (action !== 'pause' && action !== 'resume' && action !== 'extend') {
      throw new AppError('not-found', `A clock is paused, resumed or extended, not ${action}ed`);
    }
    const account = await this.access.requireStaffOn(actor, id);
    const [view] = await this.views.views(
      [(await this.repository.findWithComplaint(this.transactions.reader, id))!],
      'staff',
    );
    const running = view.clocks.find((clock) => clock.name === name && clock.stoppedOn === null);
    if (!running) {
      throw new CasesError('clock-not-running', `No clock ${name} is running on this case`, {
        running: view.clocks.filter((clock) => clock.stoppedOn === null).map((c) => c.name),
      });
    }
    if (action === 'extend' && !dto.days) {
      throw new AppError('validation-failed', 'Check these fields: days', {
        errors: [{ field: 'days', message: 'days is required to extend a clock' }],
      });
    }
    if (action !== 'extend' && (action === 'pause') === running.paused) {
      throw new CasesError(
        'clock-not-running',
        `The clock ${name} is ${running.paused ? 'paused already' : 'not paused'}`,
      );
    }
    await this.transactions.run(async (manager) => {
      await this.access.lock(manager, id);
      await this.repository.insertEvent(manager, {
        caseId: id,
        kind:
          action === 'pause'
            ? 'clock_paused'
            : action === 'resume'
              ? 'clock_resumed'
              : 'clock_extended',
        text: dto.reason,
        clock: name,
        days: action === 'extend' ? dto.days! : null,
        confidential: true,
        actorAccountId: account.accountId,
        occurredOn: this.calendar.today(),
      });
      await this.audit.record(manager, actor, {
        action: `ethics_case.clock_${action}`,
        entityType: 'ethics_case',
        entityId: id,
        after: { clock: name, reason: dto.reason, days: dto.days ?? null },
      });
    });
    return this.views.get(actor, id);
  }
}

import { Injectable } from '@nestjs/common';
import { requireAccount } from 'src/auth/access';
import type { Actor } from 'src/auth/principal';
import { nextStatuses } from 'src/cases/case-rules';
import { CaseAccess, type Standing } from 'src/cases/case-access';
import { CasesRepository } from 'src/cases/cases.repository';
import type { CasePage, CaseResponse, CasesQuery } from 'src/cases/dto/case.dto';
import type { CaseAssignment } from 'src/cases/entities/case-assignment.entity';
import type { CaseEvent } from 'src/cases/entities/case-event.entity';
import { type Clock, clocksOf } from 'src/cases/case-clocks';
import type { CaseSanction } from 'src/cases/entities/case-sanction.entity';
import type { EthicsCase } from 'src/cases/entities/ethics-case.entity';
import { Calendar } from 'src/common/calendar';
import { paginate } from 'src/common/paging';
import { Transactions } from 'src/database/transactions';

/** Cases as the caller may see them, with their timeline, sanctions and clocks. */
@Injectable()
export class CaseViews {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CasesRepository,
    private readonly calendar: Calendar,
    private readonly access: CaseAccess,
  ) {}

  async get(actor: Actor, id: string): Promise<CaseResponse> {
    const { found, standing } = await this.access.standingOn(actor, id);
    if (standing === 'staff') {
      await this.repository.recordRead(
        this.transactions.reader,
        id,
        requireAccount(actor).accountId,
      );
    }
    const [view] = await this.views([found], standing);
    return view;
  }
  async pageOf(
    qb: ReturnType<CasesRepository['pageQuery']>,
    query: CasesQuery,
    standing: Standing,
  ): Promise<CasePage> {
    const page = await paginate(qb, query, (found) => found);
    return { ...page, items: await this.views(page.items, standing) };
  }
  async views(cases: EthicsCase[], standing: Standing): Promise<CaseResponse[]> {
    const ids = cases.map((found) => found.id);
    const timeline = groupBy(await this.repository.timelineOf(this.transactions.reader, ids));
    const assignments = groupBy(await this.repository.assignmentsOf(this.transactions.reader, ids));
    // An appeal case shows the sanctions of its first case, which its decision confirms or changes.
    const firstIds = cases.map((found) => found.appealOfCaseId ?? found.id);
    const sanctions = groupBy(
      await this.repository.sanctionsOf(this.transactions.reader, [...new Set(firstIds)]),
    );
    const appeals = new Map(
      (await this.repository.appealsOf(this.transactions.reader, ids)).map((appeal) => [
        appeal.appealOfCaseId!,
        appeal.id,
      ]),
    );
    const clocks = await this.clocksOf(cases, timeline);
    return cases.map((found) => ({
      ...toCaseResponse(found, timeline, assignments, standing),
      appealCaseId: appeals.get(found.id) ?? null,
      sanctions: (sanctions.get(found.appealOfCaseId ?? found.id) ?? []).map(
        toCaseSanctionResponse,
      ),
      clocks: standing === 'staff' ? (clocks.get(found.id) ?? []) : [],
    }));
  }
  /** Each case's clocks as they stand today, under the procedure it opened with. */
  async clocksOf(
    cases: EthicsCase[],
    timeline: Map<string, CaseEvent[]>,
  ): Promise<Map<string, Clock[]>> {
    const procedures = new Map(
      (
        await this.repository.proceduresById(
          this.transactions.reader,
          [...new Set(cases.map((found) => found.procedureId))].filter(
            (id): id is string => id !== null,
          ),
        )
      ).map((procedure) => [procedure.id, procedure]),
    );
    const today = this.calendar.today();
    return new Map(
      cases.map((found) => [
        found.id,
        found.procedureId
          ? clocksOf(
              procedures
                .get(found.procedureId)!
                .clocks.filter(
                  (rule) =>
                    (rule.appliesTo ?? 'case') ===
                    (found.body === 'appeal_council' ? 'appeal' : 'case'),
                ),
              timeline.get(found.id) ?? [],
              today,
            )
          : [],
      ]),
    );
  }
}

function toCaseSanctionResponse(sanction: CaseSanction) {
  return {
    id: sanction.id,
    type: sanction.sanctionType!.code,
    effect: sanction.sanctionType!.effect,
    months: sanction.months,
    credits: sanction.credits,
    dueOn: sanction.dueOn,
    decidedOn: sanction.decidedOn,
    startsOn: sanction.startsOn,
    endsOn: sanction.endsOn,
    tookEffectOn: sanction.tookEffectOn,
    stage: sanction.stage,
    supersededOn: sanction.supersededOn,
    decidedBy: sanction.sanctionType!.decidedBy,
    ruling: sanction.ruling,
    ruledOn: sanction.ruledOn,
    rulingReference: sanction.rulingReference,
  };
}

export function groupBy<T extends { caseId: string }>(rows: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.caseId, [...(groups.get(row.caseId) ?? []), row]);
  return groups;
}

/** The case as the caller may see it: the respondent without confidential entries or contacts. */
function toCaseResponse(
  found: EthicsCase,
  timeline: Map<string, CaseEvent[]>,
  assignments: Map<string, CaseAssignment[]>,
  standing: Standing,
): Omit<CaseResponse, 'sanctions' | 'clocks' | 'appealCaseId'> {
  const complaint = found.complaint!;
  const staff = standing === 'staff';
  return {
    id: found.id,
    reference: complaint.reference,
    body: found.body,
    appealOfCaseId: found.appealOfCaseId,
    status: found.status,
    statusChangedOn: found.statusChangedOn,
    nextStatuses: staff ? [...nextStatuses(found.status, found.body)] : [],
    respondentPersonId: found.respondentPersonId,
    respondentNumber: complaint.respondentNumber,
    respondentName: complaint.respondentName,
    whatHappened: complaint.whatHappened,
    happenedOn: complaint.happenedOn,
    complainant:
      staff || complaint.discloseToRespondent
        ? {
            name: complaint.complainantName,
            email: complaint.complainantEmail,
            phone: complaint.complainantPhone,
            discloseToRespondent: complaint.discloseToRespondent,
          }
        : null,
    assignments: staff
      ? (assignments.get(found.id) ?? []).map(({ accountId, role }) => ({ accountId, role }))
      : [],
    timeline: (timeline.get(found.id) ?? [])
      .filter((event) => staff || (!event.confidential && event.kind !== 'assigned'))
      .map((event) => ({
        kind: event.kind,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        text: event.text,
        confidential: event.confidential,
        subjectAccountId: staff ? event.subjectAccountId : null,
        occurredOn: event.occurredOn,
        recordedAt: event.recordedAt,
      })),
    appealOutcome: found.appealOutcome,
    openedAt: found.openedAt,
  };
}

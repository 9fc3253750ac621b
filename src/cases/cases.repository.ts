import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type DataSource,
  type EntityManager,
  In,
  IsNull,
  LessThanOrEqual,
  type SelectQueryBuilder,
} from 'typeorm';
import {
  UNDER_INVESTIGATION,
  type AppealOutcome,
  type AssignmentRole,
  type CaseEventKind,
  type CaseStatus,
} from 'src/cases/case-rules';
import { CaseAssignment } from 'src/cases/entities/case-assignment.entity';
import { CaseEvent } from 'src/cases/entities/case-event.entity';
import { CaseProcedure } from 'src/cases/entities/case-procedure.entity';
import { CaseRead } from 'src/cases/entities/case-read.entity';
import { CaseSanction } from 'src/cases/entities/case-sanction.entity';
import { SanctionType } from 'src/cases/entities/sanction-type.entity';
import { CaseRecusal } from 'src/cases/entities/case-recusal.entity';
import { Complaint } from 'src/cases/entities/complaint.entity';
import { EthicsCase } from 'src/cases/entities/ethics-case.entity';

export type NewComplaint = Pick<
  Complaint,
  | 'reference'
  | 'complainantName'
  | 'complainantEmail'
  | 'complainantPhone'
  | 'discloseToRespondent'
  | 'respondentNumber'
  | 'respondentName'
  | 'whatHappened'
  | 'happenedOn'
  | 'lodgedByAccountId'
  | 'evidenceKeySha256'
>;

export interface NewCaseEvent {
  caseId: string;
  kind: CaseEventKind;
  clock?: string | null;
  days?: number | null;
  fromStatus?: CaseStatus | null;
  toStatus?: CaseStatus | null;
  text?: string | null;
  confidential?: boolean;
  subjectAccountId?: string | null;
  documentId?: string | null;
  actorAccountId: string | null;
  occurredOn: string;
}

@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertComplaint(manager: EntityManager, values: NewComplaint): Promise<Complaint> {
    return manager.save(manager.create(Complaint, values));
  }

  async insertCase(
    manager: EntityManager,
    values: Pick<
      EthicsCase,
      | 'complaintId'
      | 'respondentPersonId'
      | 'status'
      | 'statusChangedOn'
      | 'procedureId'
      | 'professionId'
    > &
      Partial<Pick<EthicsCase, 'body' | 'appealOfCaseId'>>,
  ): Promise<string> {
    const { identifiers } = await manager.insert(EthicsCase, values);
    return identifiers[0].id as string;
  }

  async insertEvent(manager: EntityManager, event: NewCaseEvent): Promise<void> {
    await manager.insert(CaseEvent, event);
  }

  /** A case with its complaint, locked for a move or an entry on its timeline. */
  lockForChange(manager: EntityManager, id: string): Promise<EthicsCase | null> {
    return manager.findOne(EthicsCase, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The appeal lodged against a first-instance case, locked after it (always in that order). */
  lockAppealOf(manager: EntityManager, firstCaseId: string): Promise<EthicsCase | null> {
    return manager.findOne(EthicsCase, {
      where: { appealOfCaseId: firstCaseId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The appeal cases lodged against these first-instance cases. */
  appealsOf(manager: EntityManager, firstCaseIds: string[]): Promise<EthicsCase[]> {
    if (!firstCaseIds.length) return Promise.resolve([]);
    return manager.find(EthicsCase, { where: { appealOfCaseId: In(firstCaseIds) } });
  }

  async matchRespondent(
    manager: EntityManager,
    id: string,
    personId: string,
    professionId: string | null,
  ): Promise<void> {
    await manager.update(EthicsCase, { id }, { respondentPersonId: personId, professionId });
  }

  /** A complaint by its reference, with the case before the honour council it opened. */
  async complaintCase(
    manager: EntityManager,
    reference: string,
  ): Promise<{ complaint: Complaint; caseId: string } | null> {
    const complaint = await manager.findOneBy(Complaint, { reference });
    if (!complaint) return null;
    const found = await manager.findOneByOrFail(EthicsCase, {
      complaintId: complaint.id,
      body: 'honour_council',
    });
    return { complaint, caseId: found.id };
  }

  /** How many documents the complainant has sent to a case (events without an officer). */
  complainantDocumentCount(manager: EntityManager, caseId: string): Promise<number> {
    return manager.countBy(CaseEvent, { caseId, kind: 'document', actorAccountId: IsNull() });
  }

  async moveTo(manager: EntityManager, id: string, status: CaseStatus, on: string): Promise<void> {
    await manager.update(EthicsCase, { id }, { status, statusChangedOn: on });
  }

  findWithComplaint(manager: EntityManager, id: string): Promise<EthicsCase | null> {
    return manager.findOne(EthicsCase, { where: { id }, relations: { complaint: true } });
  }

  timelineOf(manager: EntityManager, caseIds: string[]): Promise<CaseEvent[]> {
    if (!caseIds.length) return Promise.resolve([]);
    return manager.find(CaseEvent, { where: { caseId: In(caseIds) }, order: { id: 'ASC' } });
  }

  assignmentsOf(manager: EntityManager, caseIds: string[]): Promise<CaseAssignment[]> {
    if (!caseIds.length) return Promise.resolve([]);
    return manager.find(CaseAssignment, {
      where: { caseId: In(caseIds) },
      order: { assignedAt: 'ASC' },
    });
  }

  /** Whether the account is assigned to the case (which is what lets an officer see it). */
  isAssigned(manager: EntityManager, caseId: string, accountId: string): Promise<boolean> {
    return manager.existsBy(CaseAssignment, { caseId, accountId });
  }

  async assign(
    manager: EntityManager,
    values: { caseId: string; accountId: string; role: AssignmentRole },
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(CaseAssignment)
      .values(values)
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  isRecused(manager: EntityManager, caseId: string, accountId: string): Promise<boolean> {
    return manager.existsBy(CaseRecusal, { caseId, accountId });
  }

  /** Records the recusal and takes the officer off the case. */
  async recuse(
    manager: EntityManager,
    values: { caseId: string; accountId: string; reason: string },
  ): Promise<void> {
    await manager.insert(CaseRecusal, values);
    await manager.delete(CaseAssignment, { caseId: values.caseId, accountId: values.accountId });
  }

  lockSanctionType(manager: EntityManager, id: string): Promise<SanctionType | null> {
    return manager.findOne(SanctionType, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateSanctionType(
    manager: EntityManager,
    id: string,
    values: Partial<Pick<SanctionType, 'name' | 'minMonths' | 'maxMonths' | 'public' | 'active'>>,
  ): Promise<void> {
    await manager.update(SanctionType, { id }, values);
  }

  lockProcedure(manager: EntityManager, id: string): Promise<CaseProcedure | null> {
    return manager.findOne(CaseProcedure, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async updateProcedure(
    manager: EntityManager,
    id: string,
    values: Partial<Pick<CaseProcedure, 'effectiveFrom' | 'clocks'>>,
  ): Promise<void> {
    await manager.update(CaseProcedure, { id }, values);
  }

  listSanctionTypes(manager: EntityManager): Promise<SanctionType[]> {
    return manager.find(SanctionType, { order: { code: 'ASC' } });
  }

  /**
   * The sanction types a case of a profession may impose, by code: the profession's own, and
   * those of no profession where it has none of that code. A case whose profession is not known
   * (a respondent named but not yet matched) may impose those of no profession, and a code only
   * one profession has.
   */
  sanctionTypesOf(manager: EntityManager, professionId: string | null): Promise<SanctionType[]> {
    return manager.query<SanctionType[]>(
      `SELECT DISTINCT ON (code) id, code, name, effect, min_months AS "minMonths",
              max_months AS "maxMonths", public, active, profession_id AS "professionId",
              created_at AS "createdAt"
         FROM sanction_types
        WHERE profession_id IS NULL OR profession_id = $1
           OR ($1::uuid IS NULL AND (SELECT count(*) FROM sanction_types same
                                      WHERE same.code = sanction_types.code) = 1)
        ORDER BY code, profession_id NULLS LAST`,
      [professionId],
    );
  }

  async insertSanctionType(
    manager: EntityManager,
    values: Pick<
      SanctionType,
      | 'code'
      | 'name'
      | 'effect'
      | 'minMonths'
      | 'maxMonths'
      | 'public'
      | 'professionId'
      | 'decidedBy'
    >,
  ): Promise<SanctionType> {
    return manager.save(manager.create(SanctionType, values));
  }

  async insertSanctions(
    manager: EntityManager,
    sanctions: Pick<
      CaseSanction,
      'caseId' | 'sanctionTypeId' | 'months' | 'credits' | 'dueOn' | 'decidedOn' | 'stage'
    >[],
  ): Promise<void> {
    if (sanctions.length) await manager.insert(CaseSanction, sanctions);
  }

  /** The sanctions of these cases with their types, in the order decided. */
  sanctionsOf(manager: EntityManager, caseIds: string[]): Promise<CaseSanction[]> {
    if (!caseIds.length) return Promise.resolve([]);
    return manager.find(CaseSanction, {
      where: { caseId: In(caseIds) },
      relations: { sanctionType: true },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The first decision's sanctions, set aside by the appeal's decision. */
  async supersedeDecision(manager: EntityManager, caseId: string, on: string): Promise<void> {
    await manager.update(
      CaseSanction,
      { caseId, stage: 'decision', tookEffectOn: IsNull(), supersededOn: IsNull() },
      { supersededOn: on },
    );
  }

  async recordAppealOutcome(
    manager: EntityManager,
    id: string,
    appealOutcome: AppealOutcome,
  ): Promise<void> {
    await manager.update(EthicsCase, { id }, { appealOutcome });
  }

  /** The ruling of the body that decides a sanction the panel proposed. */
  async recordRuling(
    manager: EntityManager,
    id: string,
    values: Pick<CaseSanction, 'ruling' | 'ruledOn' | 'rulingReference'>,
  ): Promise<void> {
    await manager.update(CaseSanction, { id }, values);
  }

  async markInEffect(
    manager: EntityManager,
    id: string,
    values: Pick<CaseSanction, 'startsOn' | 'endsOn' | 'tookEffectOn'>,
  ): Promise<void> {
    await manager.update(CaseSanction, { id }, values);
  }

  /**
   * The cases about a person that were open investigations on a day, each read at its status on
   * that day from its timeline (a case not yet opened then does not count).
   */
  async openInvestigationsOn(
    manager: EntityManager,
    personId: string,
    day: string,
  ): Promise<number> {
    const [row] = await manager.query<{ open: number }[]>(
      `SELECT count(*)::int AS open
         FROM ethics_cases c,
              LATERAL (SELECT e.to_status FROM ethics_case_events e
                        WHERE e.case_id = c.id AND e.kind IN ('opened', 'moved') AND e.occurred_on <= $2
                        ORDER BY e.occurred_on DESC, e.id DESC LIMIT 1) AS on_the_day
        WHERE c.respondent_person_id = $1 AND c.appeal_of_case_id IS NULL
          AND on_the_day.to_status = ANY($3)`,
      [personId, day, UNDER_INVESTIGATION],
    );
    return row.open;
  }

  /** The sanctions on a person in effect on a day: a suspension in its term, a revocation, remedial training not yet due. */
  sanctionsInEffectOn(
    manager: EntityManager,
    personId: string,
    day: string,
  ): Promise<CaseSanction[]> {
    return manager
      .getRepository(CaseSanction)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.sanctionType', 'type')
      .innerJoin('s.case', 'c')
      .where('c.respondent_person_id = :personId', { personId })
      .andWhere('s.took_effect_on <= :day', { day })
      .andWhere(
        `(type.effect = 'revocation'
          OR (type.effect = 'suspension' AND s.ends_on >= :day)
          OR (type.effect = 'remedial' AND s.due_on >= :day))`,
      )
      .orderBy('s.took_effect_on', 'ASC')
      .getMany();
  }

  /** Remedial training a final decision imposed on the person, whether or not its date has passed. */
  listProcedures(manager: EntityManager): Promise<CaseProcedure[]> {
    return manager.find(CaseProcedure, { order: { effectiveFrom: 'ASC' } });
  }

  async insertProcedure(
    manager: EntityManager,
    values: Pick<CaseProcedure, 'version' | 'effectiveFrom' | 'clocks' | 'professionId'>,
  ): Promise<CaseProcedure> {
    return manager.save(manager.create(CaseProcedure, values));
  }

  /** Whether a profession (none: the association as a whole) keeps any version of its procedure. */
  async anyProcedure(manager: EntityManager, professionId: string | null): Promise<boolean> {
    return (
      (await manager.count(CaseProcedure, { where: { professionId: professionId ?? IsNull() } })) >
      0
    );
  }

  /**
   * The version of a profession's procedure in force on a day: its own, or where it has none in
   * force, the one of no profession.
   */
  async procedureInForce(
    manager: EntityManager,
    day: string,
    professionId: string | null,
  ): Promise<CaseProcedure | null> {
    for (const of of professionId ? [professionId, IsNull()] : [IsNull()]) {
      const found = await manager.findOne(CaseProcedure, {
        where: { effectiveFrom: LessThanOrEqual(day), professionId: of },
        order: { effectiveFrom: 'DESC' },
      });
      if (found) return found;
    }
    return null;
  }

  proceduresById(manager: EntityManager, ids: string[]): Promise<CaseProcedure[]> {
    if (!ids.length) return Promise.resolve([]);
    return manager.find(CaseProcedure, { where: { id: In(ids) } });
  }

  async recordRead(manager: EntityManager, caseId: string, accountId: string): Promise<void> {
    await manager.insert(CaseRead, { caseId, accountId });
  }

  readsOf(manager: EntityManager, caseId: string): Promise<CaseRead[]> {
    return manager.find(CaseRead, { where: { caseId }, order: { readAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Cases for a list, oldest first: all of them for an admin, those assigned to an officer, or
   * those about the respondent.
   */
  pageQuery(filters: {
    status?: CaseStatus;
    assignedTo?: string;
    respondentPersonId?: string;
  }): SelectQueryBuilder<EthicsCase> {
    const qb = this.dataSource
      .getRepository(EthicsCase)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.complaint', 'complaint')
      .orderBy('c.openedAt', 'ASC')
      .addOrderBy('c.id', 'ASC');
    if (filters.status) qb.andWhere('c.status = :status', { status: filters.status });
    if (filters.assignedTo) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM ethics_case_assignments a WHERE a.case_id = c.id AND a.account_id = :assignee)',
        { assignee: filters.assignedTo },
      );
    }
    if (filters.respondentPersonId) {
      qb.andWhere('c.respondent_person_id = :respondent', {
        respondent: filters.respondentPersonId,
      });
    }
    return qb;
  }
}

import { Calendar } from 'src/common/calendar';
import type { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { clockRuleErrors, type ClockRule } from 'src/cases/case-clocks';
import { CasesError } from 'src/cases/cases.errors';
import { CasesRepository } from 'src/cases/cases.repository';
import type {
  CreateProcedureDto,
  CreateSanctionTypeDto,
  ProcedureResponse,
  ProfessionQuery,
  SanctionTypeResponse,
  UpdateProcedureDto,
  UpdateSanctionTypeDto,
} from 'src/cases/dto/case.dto';
import { ProfessionsPort, type ProfessionRef } from 'src/professions/professions.port';
import type { CaseProcedure } from 'src/cases/entities/case-procedure.entity';
import type { SanctionType } from 'src/cases/entities/sanction-type.entity';
import { AppError, notFound } from 'src/common/errors/app-error';
import { Transactions } from 'src/database/transactions';

/**
 * The ethics procedure as data: the sanctions it knows and the dated versions of its deadlines
 * (loaded by the configuration packs, added by admins).
 */
@Injectable()
export class CaseConfigurationService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: CasesRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
    private readonly professions: ProfessionsPort,
  ) {}

  /**
   * Every sanction type, or those a profession's cases impose: its own, and those of no
   * profession where it has none of that code.
   */
  async sanctionTypes(
    query: ProfessionQuery = {},
    within?: EntityManager,
  ): Promise<SanctionTypeResponse[]> {
    const manager = within ?? this.transactions.reader;
    const types = query.profession
      ? await this.repository.sanctionTypesOf(
          manager,
          await this.professionOfCode(manager, query.profession),
        )
      : await this.repository.listSanctionTypes(manager);
    const professions = await this.professionsOf(manager, types);
    return types.map((type) => toSanctionTypeResponse(type, professions));
  }

  /** A sanction the procedure knows; a suspension says its shortest and longest term. */
  async createSanctionType(
    actor: Actor,
    dto: CreateSanctionTypeDto,
    within?: EntityManager,
  ): Promise<SanctionTypeResponse> {
    checkTerm(dto.effect, dto.minMonths, dto.maxMonths);
    return this.transactions.run(async (manager) => {
      const professionId = await this.ownerOf(manager, dto.professionId);
      const type = await this.repository.insertSanctionType(manager, {
        professionId,
        code: dto.code,
        name: dto.name,
        effect: dto.effect,
        minMonths: dto.minMonths ?? null,
        maxMonths: dto.maxMonths ?? null,
        public: dto.public ?? false,
        decidedBy: dto.decidedBy ?? null,
      });
      const view = toSanctionTypeResponse(type, await this.professionsOf(manager, [type]));
      await this.audit.record(manager, actor, {
        action: 'sanction_type.created',
        entityType: 'sanction_type',
        entityId: type.id,
        after: view,
      });
      return view;
    }, within);
  }

  /**
   * Corrects a sanction type: its name, its term's bounds (a suspension's), whether the public
   * sees it, whether it is in use. Sanctions already decided keep the months they were given.
   */
  correctSanctionType(
    actor: Actor,
    id: string,
    dto: UpdateSanctionTypeDto,
    within?: EntityManager,
  ): Promise<SanctionTypeResponse> {
    return this.transactions.run(async (manager) => {
      const before = await this.repository.lockSanctionType(manager, id);
      if (!before) throw notFound('Sanction type', id);
      const changes = {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.minMonths !== undefined && { minMonths: dto.minMonths }),
        ...(dto.maxMonths !== undefined && { maxMonths: dto.maxMonths }),
        ...(dto.public !== undefined && { public: dto.public }),
        ...(dto.active !== undefined && { active: dto.active }),
        ...(dto.decidedBy !== undefined && { decidedBy: dto.decidedBy }),
      };
      const after = { ...before, ...changes };
      checkTerm(after.effect, after.minMonths ?? undefined, after.maxMonths ?? undefined);
      await this.repository.updateSanctionType(manager, id, changes);
      const professions = await this.professionsOf(manager, [before]);
      const view = toSanctionTypeResponse(after, professions);
      await this.audit.record(manager, actor, {
        action: 'sanction_type.corrected',
        entityType: 'sanction_type',
        entityId: id,
        before: toSanctionTypeResponse(before, professions),
        after: view,
      });
      return view;
    }, within);
  }

  /**
   * Corrects a version of the procedure before it takes effect: its clocks, and its date (today
   * or later). Once in force it stays what it was: a change is a new version.
   */
  correctProcedure(actor: Actor, id: string, dto: UpdateProcedureDto): Promise<ProcedureResponse> {
    if (dto.clocks) checkClocks(dto.clocks);
    return this.transactions.run(async (manager) => {
      const before = await this.repository.lockProcedure(manager, id);
      if (!before) throw notFound('Procedure', id);
      const today = this.calendar.today();
      if (before.effectiveFrom <= today) {
        throw new CasesError(
          'procedure-in-force',
          `${before.version} took effect on ${before.effectiveFrom}: it is corrected by a new version, never changed`,
        );
      }
      if (dto.effectiveFrom !== undefined && dto.effectiveFrom < today) {
        throw notBackDated(today);
      }
      const changes = {
        ...(dto.effectiveFrom !== undefined && { effectiveFrom: dto.effectiveFrom }),
        ...(dto.clocks !== undefined && { clocks: dto.clocks }),
      };
      await this.repository.updateProcedure(manager, id, changes);
      const professions = await this.professionsOf(manager, [before]);
      const view = toProcedure({ ...before, ...changes }, professions);
      await this.audit.record(manager, actor, {
        action: 'case_procedure.corrected',
        entityType: 'case_procedure',
        entityId: id,
        before: toProcedure(before, professions),
        after: view,
      });
      return view;
    });
  }

  /** Every version of every procedure, or of those that hold for a profession's cases. */
  async procedures(
    query: ProfessionQuery = {},
    within?: EntityManager,
  ): Promise<ProcedureResponse[]> {
    const manager = within ?? this.transactions.reader;
    const professionId = query.profession
      ? await this.professionOfCode(manager, query.profession)
      : undefined;
    const procedures = (await this.repository.listProcedures(manager)).filter(
      (procedure) =>
        professionId === undefined ||
        procedure.professionId === null ||
        procedure.professionId === professionId,
    );
    const professions = await this.professionsOf(manager, procedures);
    return procedures.map((procedure) => toProcedure(procedure, professions));
  }

  /** The profession a new item is for (an active one), or none: every profession's. */
  private async ownerOf(manager: EntityManager, professionId?: string): Promise<string | null> {
    if (professionId === undefined) return null;
    return (await this.professions.requireActive(manager, professionId)).id;
  }

  private async professionOfCode(manager: EntityManager, code: string): Promise<string> {
    const profession = await this.professions.byCode(manager, code);
    if (!profession) throw new AppError('not-found', `There is no profession ${code}`);
    return profession.id;
  }

  private professionsOf(
    manager: EntityManager,
    items: { professionId: string | null }[],
  ): Promise<ProfessionCodes> {
    const ids = [...new Set(items.map((item) => item.professionId).filter((id) => id !== null))];
    return this.professions.byIds(manager, ids);
  }

  /** A new version of the procedure's deadlines, for cases opened from its date on. */
  async createProcedure(
    actor: Actor,
    dto: CreateProcedureDto,
    within?: EntityManager,
  ): Promise<ProcedureResponse> {
    checkClocks(dto.clocks);
    return this.transactions.run(async (manager) => {
      // A new version takes effect from today on: a back-dated one would put cases opened since
      // under deadlines that were not in force when they opened. The first one an association
      // records (its procedure of record, before any case) may name the day it was adopted.
      const professionId = await this.ownerOf(manager, dto.professionId);
      const today = this.calendar.today();
      if (
        dto.effectiveFrom < today &&
        (await this.repository.anyProcedure(manager, professionId))
      ) {
        throw notBackDated(today);
      }
      const procedure = await this.repository.insertProcedure(manager, {
        professionId,
        version: dto.version,
        effectiveFrom: dto.effectiveFrom,
        clocks: dto.clocks,
      });
      const view = toProcedure(procedure, await this.professionsOf(manager, [procedure]));
      await this.audit.record(manager, actor, {
        action: 'case_procedure.created',
        entityType: 'case_procedure',
        entityId: procedure.id,
        after: view,
      });
      return view;
    }, within);
  }
}

type ProfessionCodes = Map<string, ProfessionRef>;

/** A suspension has its shortest and longest term, the shortest first; nothing else has one. */
function checkTerm(effect: string, minMonths?: number, maxMonths?: number): void {
  const suspension = effect === 'suspension';
  const months = minMonths !== undefined || maxMonths !== undefined;
  if (
    suspension === months &&
    (!suspension || (minMonths !== undefined && maxMonths !== undefined && minMonths <= maxMonths))
  ) {
    return;
  }
  throw new AppError('validation-failed', 'Check these fields: minMonths, maxMonths', {
    errors: [
      {
        field: 'minMonths',
        message: suspension
          ? 'a suspension needs minMonths and maxMonths, the shortest first'
          : 'only a suspension has minMonths and maxMonths',
      },
    ],
  });
}

function checkClocks(clocks: ClockRule[]): void {
  const problems = clockRuleErrors(clocks, 'clocks');
  if (problems.length) {
    throw new AppError('validation-failed', 'Check these fields: clocks', {
      errors: problems.map((message) => ({ field: 'clocks', message })),
    });
  }
}

const notBackDated = (today: string) =>
  new AppError('validation-failed', 'Check these fields: effectiveFrom', {
    errors: [
      {
        field: 'effectiveFrom',
        message: `effectiveFrom must be today (${today}) or later: a version is never back-dated`,
      },
    ],
  });

function toProcedure(procedure: CaseProcedure, professions: ProfessionCodes): ProcedureResponse {
  const { id, version, effectiveFrom, clocks, professionId } = procedure;
  const profession = professionId ? (professions.get(professionId)?.code ?? null) : null;
  return { id, version, professionId, profession, effectiveFrom, clocks };
}

function toSanctionTypeResponse(
  type: SanctionType,
  professions: ProfessionCodes,
): SanctionTypeResponse {
  const { id, code, name, effect, minMonths, maxMonths, active, professionId, decidedBy } = type;
  const profession = professionId ? (professions.get(professionId)?.code ?? null) : null;
  return {
    id,
    code,
    professionId,
    profession,
    name,
    effect,
    minMonths,
    maxMonths,
    public: type.public,
    active,
    decidedBy,
  };
}

import { Calendar } from 'src/common/calendar';
import type { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { clockRuleErrors } from 'src/cases/case-clocks';
import { CasesRepository } from 'src/cases/cases.repository';
import type {
  CreateProcedureDto,
  CreateSanctionTypeDto,
  ProcedureResponse,
  SanctionTypeResponse,
} from 'src/cases/dto/case.dto';
import type { CaseProcedure } from 'src/cases/entities/case-procedure.entity';
import type { SanctionType } from 'src/cases/entities/sanction-type.entity';
import { AppError } from 'src/common/errors/app-error';
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
  ) {}

  async sanctionTypes(within?: EntityManager): Promise<SanctionTypeResponse[]> {
    return (await this.repository.listSanctionTypes(within ?? this.transactions.reader)).map(
      toSanctionTypeResponse,
    );
  }

  /** A sanction the procedure knows; a suspension says its shortest and longest term. */
  async createSanctionType(
    actor: Actor,
    dto: CreateSanctionTypeDto,
    within?: EntityManager,
  ): Promise<SanctionTypeResponse> {
    const suspension = dto.effect === 'suspension';
    const months = dto.minMonths !== undefined || dto.maxMonths !== undefined;
    if (
      suspension !== months ||
      (suspension &&
        (dto.minMonths === undefined ||
          dto.maxMonths === undefined ||
          dto.maxMonths < dto.minMonths))
    ) {
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
    return this.transactions.run(async (manager) => {
      const type = await this.repository.insertSanctionType(manager, {
        code: dto.code,
        name: dto.name,
        effect: dto.effect,
        minMonths: dto.minMonths ?? null,
        maxMonths: dto.maxMonths ?? null,
        public: dto.public ?? false,
      });
      const view = toSanctionTypeResponse(type);
      await this.audit.record(manager, actor, {
        action: 'sanction_type.created',
        entityType: 'sanction_type',
        entityId: type.id,
        after: view,
      });
      return view;
    }, within);
  }

  async procedures(within?: EntityManager): Promise<ProcedureResponse[]> {
    return (await this.repository.listProcedures(within ?? this.transactions.reader)).map(
      toProcedure,
    );
  }

  /** A new version of the procedure's deadlines, for cases opened from its date on. */
  async createProcedure(
    actor: Actor,
    dto: CreateProcedureDto,
    within?: EntityManager,
  ): Promise<ProcedureResponse> {
    const problems = clockRuleErrors(dto.clocks, 'clocks');
    if (problems.length) {
      throw new AppError('validation-failed', 'Check these fields: clocks', {
        errors: problems.map((message) => ({ field: 'clocks', message })),
      });
    }
    return this.transactions.run(async (manager) => {
      // A new version takes effect from today on: a back-dated one would put cases opened since
      // under deadlines that were not in force when they opened. The first one an association
      // records (its procedure of record, before any case) may name the day it was adopted.
      const today = this.calendar.today();
      if (dto.effectiveFrom < today && (await this.repository.anyProcedure(manager))) {
        throw new AppError('validation-failed', 'Check these fields: effectiveFrom', {
          errors: [
            {
              field: 'effectiveFrom',
              message: `effectiveFrom must be today (${today}) or later: a version is never back-dated`,
            },
          ],
        });
      }
      const procedure = await this.repository.insertProcedure(manager, {
        version: dto.version,
        effectiveFrom: dto.effectiveFrom,
        clocks: dto.clocks,
      });
      const view = toProcedure(procedure);
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

function toProcedure(procedure: CaseProcedure): ProcedureResponse {
  const { id, version, effectiveFrom, clocks } = procedure;
  return { id, version, effectiveFrom, clocks };
}

function toSanctionTypeResponse(type: SanctionType): SanctionTypeResponse {
  const { id, code, name, effect, minMonths, maxMonths, active } = type;
  return { id, code, name, effect, minMonths, maxMonths, public: type.public, active };
}

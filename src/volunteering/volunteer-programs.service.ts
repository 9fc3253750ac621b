import { Injectable } from '@nestjs/common';
import { AuditService } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { Calendar } from 'src/common/calendar';
import { notFound } from 'src/common/errors/app-error';
import type { PageQuery } from 'src/common/paging';
import { Transactions } from 'src/database/transactions';
import type {
  CreateProgramDto,
  CreateShiftDto,
  ProgramPage,
  ProgramResponse,
  PublicProgramResponse,
  ShiftResponse,
  UpdateProgramDto,
} from 'src/volunteering/dto/volunteering.dto';
import { VolunteeringRepository } from 'src/volunteering/volunteering.repository';

import { page, PROGRAM, toProgram, toShift, validation } from 'src/volunteering/volunteering-views';

/** Programs found on a public list, and the shifts coordinators open in them. */
@Injectable()
export class VolunteerProgramsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: VolunteeringRepository,
    private readonly audit: AuditService,
    private readonly calendar: Calendar,
  ) {}

  async createProgram(actor: Actor, dto: CreateProgramDto): Promise<ProgramResponse> {
    if (dto.endsOn < dto.startsOn) throw validation('endsOn', 'endsOn must not be before startsOn');
    const id = await this.transactions.run(async (manager) => {
      const programId = await this.repository.insertProgram(manager, {
        title: dto.title,
        description: dto.description,
        cause: dto.cause,
        chapterId: dto.chapterId ?? null,
        place: dto.place,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        openTo: dto.openTo,
        requiredCredentialTypeId: dto.requiredCredentialTypeId ?? null,
      });
      await this.audit.record(manager, actor, {
        action: 'volunteer_program.created',
        entityType: 'volunteer_program',
        entityId: programId,
        after: { ...dto },
      });
      return programId;
    });
    return toProgram((await this.repository.program(this.transactions.reader, id))!);
  }

  async updateProgram(actor: Actor, id: string, dto: UpdateProgramDto): Promise<ProgramResponse> {
    await this.transactions.run(async (manager) => {
      const program = await this.repository.lockProgram(manager, id);
      if (!program) throw notFound(PROGRAM, id);
      await this.repository.setProgramStatus(manager, id, dto.status);
      await this.audit.record(manager, actor, {
        action: 'volunteer_program.updated',
        entityType: 'volunteer_program',
        entityId: id,
        before: { status: program.status },
        after: { status: dto.status },
      });
    });
    return toProgram((await this.repository.program(this.transactions.reader, id))!);
  }

  /** The public list: open programs not yet over, public fields only. */
  async openPrograms(query: PageQuery): Promise<ProgramPage> {
    const { rows, total } = await this.repository.openPrograms(
      this.transactions.reader,
      this.calendar.today(),
      query.offset,
      query.pageSize,
    );
    return page(query, rows.map(toProgram), total);
  }

  /** One open program's public page, with the shifts still to come and their places. */
  async publicProgram(id: string): Promise<PublicProgramResponse> {
    const program = await this.repository.program(this.transactions.reader, id);
    if (!program || program.status !== 'open' || program.endsOn < this.calendar.today()) {
      throw notFound(PROGRAM, id);
    }
    const shifts = await this.repository.shiftsOf(this.transactions.reader, id, new Date());
    return { ...toProgram(program), shifts: shifts.map(toShift) };
  }

  async addShift(actor: Actor, programId: string, dto: CreateShiftDto): Promise<ShiftResponse> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt) throw validation('endsAt', 'endsAt must be after startsAt');
    const id = await this.transactions.run(async (manager) => {
      if (!(await this.repository.lockProgram(manager, programId)))
        throw notFound(PROGRAM, programId);
      const shiftId = await this.repository.insertShift(manager, {
        programId,
        role: dto.role,
        startsAt,
        endsAt,
        capacity: dto.capacity,
        place: dto.place ?? null,
        requiredCredentialTypeId: dto.requiredCredentialTypeId ?? null,
      });
      await this.audit.record(manager, actor, {
        action: 'volunteer_shift.created',
        entityType: 'volunteer_shift',
        entityId: shiftId,
        after: { programId, ...dto },
      });
      return shiftId;
    });
    return toShift((await this.repository.shift(this.transactions.reader, id))!);
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import type { Actor } from 'src/auth/principal';
import { notFound } from 'src/common/errors/app-error';
import { Transactions } from 'src/database/transactions';
import type {
  CreateProfessionDto,
  CreateSpecialityDto,
  ProfessionResponse,
  SpecialityResponse,
  UpdateProfessionDto,
  UpdateSpecialityDto,
} from 'src/professions/dto/profession.dto';
import type { Profession } from 'src/professions/entities/profession.entity';
import type { Speciality } from 'src/professions/entities/speciality.entity';
import { ProfessionsRepository } from 'src/professions/professions.repository';

const specialityView = ({ id, code, name, active }: Speciality): SpecialityResponse => ({
  id,
  code,
  name,
  active,
});

const view = (profession: Profession): ProfessionResponse => ({
  id: profession.id,
  code: profession.code,
  name: profession.name,
  active: profession.active,
  specialities: (profession.specialities ?? []).map(specialityView),
});

/** A profession as another module points to it. */

/**
 * Professions and their specialities, configured by admins; credential types, membership
 * categories and (to come) codes of ethics and CPD policies point to them.
 */
@Injectable()
export class ProfessionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: ProfessionsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(within?: EntityManager): Promise<ProfessionResponse[]> {
    return (await this.repository.listWithSpecialities(within ?? this.transactions.reader)).map(
      view,
    );
  }

  async get(id: string, within?: EntityManager): Promise<ProfessionResponse> {
    const profession = await this.repository.findWithSpecialities(
      within ?? this.transactions.reader,
      id,
    );
    if (!profession) throw notFound('Profession', id);
    return view(profession);
  }

  async create(
    actor: Actor,
    dto: CreateProfessionDto,
    within?: EntityManager,
  ): Promise<ProfessionResponse> {
    const id = await this.transactions.run(async (manager) => {
      const professionId = await this.repository.insert(manager, {
        code: dto.code,
        name: dto.name,
      });
      await this.repository.insertSpecialities(manager, professionId, dto.specialities ?? []);
      await this.audit.record(manager, actor, {
        action: 'profession.created',
        entityType: 'profession',
        entityId: professionId,
        after: {
          code: dto.code,
          name: dto.name,
          specialities: (dto.specialities ?? []).map((speciality) => speciality.code),
        },
      });
      return professionId;
    }, within);
    return this.get(id, within);
  }

  async update(actor: Actor, id: string, dto: UpdateProfessionDto): Promise<ProfessionResponse> {
    await this.transactions.run(async (manager) => {
      const profession = await this.repository.lockForChange(manager, id);
      if (!profession) throw notFound('Profession', id);
      const changes = {
        name: dto.name ?? profession.name,
        active: dto.active ?? profession.active,
      };
      await this.repository.update(manager, id, changes);
      await this.recordChange(manager, actor, 'profession', id, profession, changes);
    });
    return this.get(id);
  }

  async addSpeciality(
    actor: Actor,
    id: string,
    dto: CreateSpecialityDto,
  ): Promise<ProfessionResponse> {
    await this.transactions.run(async (manager) => {
      const profession = await this.repository.lockForChange(manager, id);
      if (!profession) throw notFound('Profession', id);
      await this.repository.insertSpecialities(manager, id, [{ code: dto.code, name: dto.name }]);
      await this.audit.record(manager, actor, {
        action: 'profession.speciality_added',
        entityType: 'profession',
        entityId: id,
        after: { code: dto.code, name: dto.name },
      });
    });
    return this.get(id);
  }

  async updateSpeciality(
    actor: Actor,
    id: string,
    specialityId: string,
    dto: UpdateSpecialityDto,
  ): Promise<ProfessionResponse> {
    await this.transactions.run(async (manager) => {
      const speciality = await this.repository.lockSpecialityForChange(manager, id, specialityId);
      if (!speciality) throw notFound('Speciality', specialityId);
      const changes = {
        name: dto.name ?? speciality.name,
        active: dto.active ?? speciality.active,
      };
      await this.repository.updateSpeciality(manager, specialityId, changes);
      await this.recordChange(manager, actor, 'speciality', specialityId, speciality, changes);
    });
    return this.get(id);
  }

  private async recordChange(
    manager: EntityManager,
    actor: Actor,
    entityType: 'profession' | 'speciality',
    id: string,
    before: { name: string; active: boolean },
    after: { name: string; active: boolean },
  ): Promise<void> {
    const diff = changedFields({ name: before.name, active: before.active }, after, [
      'name',
      'active',
    ]);
    if (!diff.changed.length) return;
    await this.audit.record(manager, actor, {
      action: `${entityType}.updated`,
      entityType,
      entityId: id,
      before: diff.before,
      after: diff.after,
    });
  }
}

import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { Profession } from 'src/professions/entities/profession.entity';
import { Speciality } from 'src/professions/entities/speciality.entity';

/** Queries of professions and their specialities, named. */
@Injectable()
export class ProfessionsRepository {
  listWithSpecialities(manager: EntityManager): Promise<Profession[]> {
    return manager.find(Profession, {
      relations: { specialities: true },
      order: { code: 'ASC', specialities: { code: 'ASC' } },
    });
  }

  findWithSpecialities(manager: EntityManager, id: string): Promise<Profession | null> {
    return manager.findOne(Profession, {
      where: { id },
      relations: { specialities: true },
      order: { specialities: { code: 'ASC' } },
    });
  }

  findMany(manager: EntityManager, ids: string[]): Promise<Profession[]> {
    return manager.findBy(Profession, { id: In(ids) });
  }

  findByCode(manager: EntityManager, code: string): Promise<Profession | null> {
    return manager.findOneBy(Profession, { code });
  }

  async insert(manager: EntityManager, values: Pick<Profession, 'code' | 'name'>): Promise<string> {
    const { identifiers } = await manager.insert(Profession, values);
    return identifiers[0].id as string;
  }

  async insertSpecialities(
    manager: EntityManager,
    professionId: string,
    specialities: Pick<Speciality, 'code' | 'name'>[],
  ): Promise<void> {
    if (!specialities.length) return;
    await manager.insert(
      Speciality,
      specialities.map((speciality) => ({ ...speciality, professionId })),
    );
  }

  /** The profession, locked until the caller's transaction ends: changes to one queue. */
  lockForChange(manager: EntityManager, id: string): Promise<Profession | null> {
    return manager.findOne(Profession, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  lockSpecialityForChange(
    manager: EntityManager,
    professionId: string,
    id: string,
  ): Promise<Speciality | null> {
    return manager.findOne(Speciality, {
      where: { id, professionId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async update(
    manager: EntityManager,
    id: string,
    values: Partial<Pick<Profession, 'name' | 'active'>>,
  ): Promise<void> {
    await manager.update(Profession, { id }, values);
  }

  activeSpecialityCodes(manager: EntityManager, professionId: string): Promise<string[]> {
    return manager
      .find(Speciality, {
        where: { professionId, active: true },
        select: { code: true },
        order: { code: 'ASC' },
      })
      .then((rows) => rows.map((row) => row.code));
  }

  async updateSpeciality(
    manager: EntityManager,
    id: string,
    values: Partial<Pick<Speciality, 'name' | 'active'>>,
  ): Promise<void> {
    await manager.update(Speciality, { id }, values);
  }
}

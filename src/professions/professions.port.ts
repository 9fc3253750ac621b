import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from 'src/common/errors/app-error';
import { ProfessionsError } from 'src/professions/professions.errors';
import { ProfessionsRepository } from 'src/professions/professions.repository';

export interface ProfessionRef {
  id: string;
  code: string;
  name: string;
}

/** What other modules may ask of professions: facts read in the caller's transaction. */
@Injectable()
export class ProfessionsPort {
  constructor(private readonly repository: ProfessionsRepository) {}

  /**
   * The profession a new or changed record is to point to: it must exist and be switched on.
   * Records that point to it already keep pointing when it is switched off.
   */
  async requireActive(manager: EntityManager, id: string): Promise<ProfessionRef> {
    const [profession] = await this.repository.findMany(manager, [id]);
    if (!profession) throw new AppError('reference-conflict', `Profession ${id} does not exist`);
    if (!profession.active) {
      throw new ProfessionsError(
        'profession-inactive',
        `${profession.name} is switched off: nothing new may point to it`,
      );
    }
    return { id: profession.id, code: profession.code, name: profession.name };
  }

  /** The profession of a code (as filters and numbers carry it), or null. */
  async byCode(manager: EntityManager, code: string): Promise<ProfessionRef | null> {
    const profession = await this.repository.findByCode(manager, code);
    return profession && { id: profession.id, code: profession.code, name: profession.name };
  }

  /** Every profession, switched on or off: what a register's rows may name. */
  async all(manager: EntityManager): Promise<ProfessionRef[]> {
    return (await this.repository.listWithSpecialities(manager)).map(({ id, code, name }) => ({
      id,
      code,
      name,
    }));
  }

  /** The professions switched on, for a default where there is exactly one. */
  async active(manager: EntityManager): Promise<ProfessionRef[]> {
    const professions = await this.repository.listWithSpecialities(manager);
    return professions
      .filter((profession) => profession.active)
      .map(({ id, code, name }) => ({ id, code, name }));
  }

  /** The codes of a profession's specialities in use: what a record may name. */
  specialityCodes(manager: EntityManager, professionId: string): Promise<string[]> {
    return this.repository.activeSpecialityCodes(manager, professionId);
  }

  /** Professions by id, for records that point to them. */
  async byIds(manager: EntityManager, ids: string[]): Promise<Map<string, ProfessionRef>> {
    if (!ids.length) return new Map();
    const professions = await this.repository.findMany(manager, [...new Set(ids)]);
    return new Map(professions.map(({ id, code, name }) => [id, { id, code, name }]));
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from 'src/common/errors/app-error';
import { Calendar } from 'src/common/calendar';
import { EthicsError } from 'src/ethics/ethics.errors';
import { EthicsRepository } from 'src/ethics/ethics.repository';
import { ProfessionsPort } from 'src/professions/professions.port';

/** The code in force and a person's pledge to it, as the membership pipeline asks. */
export interface PledgeStanding {
  codeVersionId: string;
  version: string;
  pledged: boolean;
}

/** What other modules may ask of the code of ethics: facts read in the caller's transaction. */
@Injectable()
export class EthicsPort {
  constructor(
    private readonly repository: EthicsRepository,
    private readonly calendar: Calendar,
    private readonly professions: ProfessionsPort,
  ) {}

  /** The version of a profession's code (by the profession's code) in force today, or null. */
  async versionInForceOf(manager: EntityManager, professionCode: string) {
    const profession = await this.professions.byCode(manager, professionCode);
    return profession
      ? this.repository.versionInForce(manager, profession.id, this.calendar.today())
      : null;
  }

  /**
   * Whether the person has pledged to the version of their profession's code in force (or to a
   * later one already); null when that profession has no code in force.
   */
  async pledgeStanding(
    manager: EntityManager,
    personId: string,
    /** Left out: the one profession that has a code. Null: a category of no profession. */
    profession?: string | null,
  ): Promise<PledgeStanding | null> {
    if (profession === null) return null;
    const professionId = profession ?? (await this.onlyProfessionWithCode(manager));
    const inForce = await this.repository.versionInForce(
      manager,
      professionId,
      this.calendar.today(),
    );
    if (!inForce) return null;
    const pledged = await this.repository.pledgedSince(
      manager,
      personId,
      professionId,
      inForce.effectiveFrom,
    );
    return { codeVersionId: inForce.id, version: inForce.version, pledged };
  }

  /** The version in force today where exactly one profession has a code; null otherwise. */
  async soleVersionInForce(manager: EntityManager) {
    const professions = await this.repository.professionsWithCodes(manager);
    return professions.length === 1
      ? this.repository.versionInForce(manager, professions[0], this.calendar.today())
      : null;
  }

  /** The one profession that has a code, for readers who name none (a one-profession association). */
  async onlyProfessionWithCode(manager: EntityManager): Promise<string> {
    const professions = await this.repository.professionsWithCodes(manager);
    if (professions.length === 1) return professions[0];
    if (!professions.length) {
      throw new AppError('not-found', 'No version of the code of ethics is in force');
    }
    throw new EthicsError(
      'profession-required',
      'Several professions have a code of ethics: name one (?profession=CODE)',
    );
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccountActor } from 'src/auth/principal';
import { type SanctionStage } from 'src/cases/case-rules';
import { CasesError } from 'src/cases/cases.errors';
import { CasesRepository } from 'src/cases/cases.repository';
import type { DecidedSanctionDto } from 'src/cases/dto/case.dto';
import { sanctionErrors } from 'src/cases/case-decisions';
import type { EthicsCase } from 'src/cases/entities/ethics-case.entity';
import { lastDayOfTerm } from 'src/common/dates';
import { AppError } from 'src/common/errors/app-error';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { MembershipPort } from 'src/membership/membership.port';

/** What a decision decides, and what it does once final: the sanctions of a case. */
@Injectable()
export class CaseSanctions {
  constructor(
    private readonly repository: CasesRepository,
    private readonly memberships: MembershipPort,
    private readonly credentials: CredentialsPort,
  ) {}

  async decide(
    manager: EntityManager,
    found: Pick<EthicsCase, 'id' | 'professionId'>,
    decided: DecidedSanctionDto[],
    on: string,
    stage: SanctionStage,
  ): Promise<void> {
    // The sanctions of the respondent's profession, as the case knows it.
    const types = new Map(
      (await this.repository.sanctionTypesOf(manager, found.professionId)).map((type) => [
        type.code,
        type,
      ]),
    );
    const errors = decided.flatMap((sanction, index) =>
      sanctionErrors(sanction, types.get(sanction.type), `sanctions[${index}]`),
    );
    if (errors.length) {
      throw new AppError('validation-failed', 'Check these fields: sanctions', { errors });
    }
    await this.repository.insertSanctions(
      manager,
      decided.map((sanction) => ({
        caseId: found.id,
        sanctionTypeId: types.get(sanction.type)!.id,
        months: sanction.months ?? null,
        credits: sanction.credits ?? null,
        dueOn: sanction.dueOn ?? null,
        decidedOn: on,
        stage,
      })),
    );
  }
  /**
   * The decision's sanctions take effect on the day the case becomes final: a suspension
   * suspends the membership and every credential issued here until its last day (they come
   * back by themselves after it), a revocation ends them. Reprimands and remedial training
   * change no status. One that another body decides waits for its ruling: upheld, it takes
   * effect on the later of that day and the day the case became final; rejected, never.
   */
  async takeEffect(
    manager: EntityManager,
    actor: AccountActor,
    found: EthicsCase,
    on: string,
  ): Promise<void> {
    const pending = (await this.repository.sanctionsOf(manager, [found.id])).filter(
      (sanction) =>
        sanction.tookEffectOn === null &&
        sanction.supersededOn === null &&
        (sanction.sanctionType!.decidedBy === null || sanction.ruling === 'upheld'),
    );
    for (const sanction of pending) {
      const type = sanction.sanctionType!;
      const startsOn = sanction.ruledOn !== null && sanction.ruledOn > on ? sanction.ruledOn : on;
      const endsOn =
        type.effect === 'suspension' ? lastDayOfTerm(startsOn, sanction.months!) : null;
      if (type.effect === 'suspension' || type.effect === 'revocation') {
        const personId = found.respondentPersonId;
        if (!personId) {
          throw new CasesError(
            'respondent-unmatched',
            `Match the complaint to the professional (POST /cases/${found.id}/respondent) before its ${type.name} takes effect`,
          );
        }
        const effect = {
          personId,
          sanctionId: sanction.id,
          effect: type.effect,
          reason: `${type.name}, by the decision in ethics case ${found.id}`,
          startsOn,
          endsOn,
        };
        await this.memberships.applySanction(manager, actor, effect);
        await this.credentials.applySanction(manager, actor, effect);
      }
      await this.repository.markInEffect(manager, sanction.id, {
        startsOn,
        endsOn,
        tookEffectOn: startsOn,
      });
    }
  }
}

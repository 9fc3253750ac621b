import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StandingResponse } from 'src/standing/dto/standing.dto';
import { StandingService } from 'src/standing/standing.service';

/** What other modules may ask of standing: a person's standing on a day, read in one statement. */
@Injectable()
export class StandingPort {
  constructor(private readonly standing: StandingService) {}

  /**
   * The standing on `day`, with no access check (the caller has made it): what renewals and
   * letters weigh. Investigations show only where the caller may know of them.
   */
  standingOn(
    manager: EntityManager,
    personId: string,
    day: string,
    options: { mayKnowInvestigations: boolean },
  ): Promise<StandingResponse> {
    return this.standing.standingOn(personId, day, options, manager);
  }
}

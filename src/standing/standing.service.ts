import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Access, isSelf, isStaffActor, requireOwnPerson } from 'src/auth/access';
import { DUTIES } from 'src/auth/duties';
import type { Actor } from 'src/auth/principal';
import { UNDER_INVESTIGATION } from 'src/cases/case-rules';
import { Calendar } from 'src/common/calendar';
import { AppError } from 'src/common/errors/app-error';
import { CpdPort } from 'src/cpd/cpd.port';
import { statusOnDay } from 'src/credentials/credential-rules';
import { CredentialsPort } from 'src/credentials/credentials.port';
import { Transactions } from 'src/database/transactions';
import { membershipStandingOf } from 'src/membership/membership-rules';
import { evaluate, names, namesPersonFacts } from 'src/requirements/requirement-rules';
import { PeoplePort } from 'src/people/people.port';
import type {
  PublicStandingResponse,
  StandingQuery,
  StandingResponse,
} from 'src/standing/dto/standing.dto';
import { standingOf } from 'src/standing/standing-rules';
import { StandingRepository } from 'src/standing/standing.repository';

/**
 * One answer to "is this person in good standing?", today or on a past day: each module's facts
 * of that day, read through the read models the modules own in one statement (CPD's among
 * them), and the pure rules of standing over them.
 */
@Injectable()
export class StandingService {
  constructor(
    private readonly calendar: Calendar,
    private readonly access: Access,
    private readonly transactions: Transactions,
    private readonly repository: StandingRepository,
    private readonly organisationChecks: CredentialsPort,
    private readonly cpd: CpdPort,
    private readonly people: PeoplePort,
  ) {}

  /** A member's own standing, or anyone's for staff; open investigations only to whom may know. */
  async standing(actor: Actor, query: StandingQuery): Promise<StandingResponse> {
    const personId = query.personId ?? requireOwnPerson(actor);
    await this.access.requirePerson(actor, personId);
    const mayKnowInvestigations =
      isSelf(actor, personId) ||
      (isStaffActor(actor) &&
        actor.roles.some((role) => (DUTIES.cases as readonly string[]).includes(role)));
    return this.standingOn(personId, this.dayAsked(query.asOf), { mayKnowInvestigations });
  }

  /** The public part, for an organisation naming a credential: good standing and its public reasons. */
  async publicStanding(
    actor: Actor,
    query: { number: string; asOf?: string },
  ): Promise<PublicStandingResponse> {
    const day = this.dayAsked(query.asOf);
    const { personId, answer } = await this.organisationChecks.holderForStanding(
      actor,
      query.number,
    );
    const standing = await this.standingOn(personId, day, { mayKnowInvestigations: false });
    const shown = standing.requirements.filter((item) => item.public);
    return {
      number: answer.number,
      holder: answer.holderName,
      credentialType: answer.credentialType.code,
      asOf: day,
      known: standing.known,
      goodStanding: standing.goodStanding,
      reasons: shown.map(({ requirement, met, detail }) => ({ requirement, met, detail })),
      otherRequirementsUnmet: standing.requirements.filter(
        (item) => !item.public && !item.met && item.blocks === 'standing',
      ).length,
    };
  }

  /**
   * The standing on `day`, with no access check: the caller has made it. Renewals and letters
   * read it so.
   */
  async standingOn(
    personId: string,
    day: string,
    options: { mayKnowInvestigations: boolean },
    manager: EntityManager = this.transactions.reader,
  ): Promise<StandingResponse> {
    // One statement: every module's facts of the day, the CPD facts among them.
    const facts = await this.repository.factsOn(
      manager,
      personId,
      day,
      this.calendar.timeZone,
      UNDER_INVESTIGATION,
    );
    const obligations = this.cpd.obligationsFrom(personId, day, facts.cpd);
    const membership = facts.membership ? membershipStandingOf(facts.membership, day) : null;
    if (membership?.historyKnownFrom && day < membership.historyKnownFrom) {
      return {
        personId,
        asOf: day,
        known: false,
        historyKnownFrom: membership.historyKnownFrom,
        goodStanding: null,
        renewalReady: null,
        requirements: [],
        nextSteps: [],
        unknownReason: `The membership came from a register import on ${membership.historyKnownFrom}; what happened before then is not known here`,
      };
    }
    const category = membership?.category;
    const credentials = facts.credentials.map((row) => ({ ...row, status: statusOnDay(row, day) }));
    const overdue = {
      overdue: Number(facts.overdue.overdue),
      overdueMinor: Number(facts.overdue.outstanding),
      currency: facts.overdue.currency,
      since: facts.overdue.since,
    };
    const pledge = category?.professionId ? facts.pledge : null;
    const standing = standingOf({
      day,
      membership,
      credentials,
      overdue,
      pledge,
      sanctions: facts.ethics.sanctions,
      openInvestigations: options.mayKnowInvestigations
        ? Number(facts.ethics.openInvestigations)
        : null,
      obligations,
      categoryRequirements: category?.requirements
        ? evaluate(category.requirements, {
            today: day,
            professionId: category.professionId,
            credentials: credentials
              .filter((held) => held.status !== 'revoked' && held.verification === 'verified')
              .map((held) => ({
                typeCode: held.typeCode,
                typeProfessionId: held.typeProfessionId,
                validFrom: held.heldSince,
                validUntil: held.validUntil,
                validToday: held.status === 'active',
              })),
            qualifications: facts.qualifications,
            pledge,
            fees: names(category.requirements, 'fees') ? overdue : undefined,
            // A member's application fee was paid before admission.
            applicationFee: 'paid',
            person: namesPersonFacts(category.requirements)
              ? await this.people.requirementFacts(manager, personId, day)
              : undefined,
          })
        : null,
    });
    return {
      personId,
      asOf: day,
      known: true,
      historyKnownFrom: membership?.historyKnownFrom ?? null,
      ...standing,
      unknownReason: null,
    };
  }

  /** Today, or a day asked of: history answers for the past, and nothing answers for the future. */
  private dayAsked(asOf: string | undefined): string {
    const today = this.calendar.today();
    if (asOf === undefined) return today;
    if (asOf > today) {
      throw new AppError('validation-failed', 'Check these fields: asOf', {
        errors: [{ field: 'asOf', message: `asOf must not be after today (${today})` }],
      });
    }
    return asOf;
  }
}

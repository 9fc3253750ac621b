/**
 * Pure rules of standing: the facts each module holds about a person on one day, turned into
 * requirements met or not, each with its figures and the next step. Good standing is every
 * requirement that holds against it met; a renewal (or a recommendation letter) needs the rest as
 * well, the credits of the cycle above all.
 */
import { holdsFor } from 'src/common/profession-scope';
import { addDays } from 'src/common/dates';
import type { CredentialOnDay } from 'src/credentials/credential-rules';
import type { MembershipStanding } from 'src/membership/membership-rules';
import { names, type Evaluation, type Requirement } from 'src/requirements/requirement-rules';

/** A requirement holds against good standing itself, or only against a renewal and a letter. */
export const REQUIREMENT_BLOCKS = ['standing', 'renewal'] as const;
export type RequirementBlocks = (typeof REQUIREMENT_BLOCKS)[number];

export interface StandingRequirement {
  /** A stable name: `membership`, `dues`, `qualification`, `credential:SIP`, `pledge`, `ethics`, `cpd:SKP_SIP`, `requirement:credential:UPA`. */
  requirement: string;
  /** What it is about where there may be several: a credential's or member's number, a case. */
  subject: string | null;
  met: boolean;
  blocks: RequirementBlocks;
  detail: string;
  nextStep: string | null;
  /** Whether organisations asking with an API key see it (a public sanction, a credential's status). */
  public: boolean;
  /**
   * On a CPD obligation: the cycle is the credential's or the membership's named by `subject`,
   * and holds against that one's renewal alone (a registration's five-year cycle half done does
   * not hold up the yearly membership).
   */
  cycleOf?: 'credential' | 'membership';
}

/** A sanction in effect that day, as the ethics module reads it. */
export interface SanctionInEffect {
  type: string;
  name: string;
  effect: string;
  public: boolean;
  startsOn: string;
  endsOn: string | null;
  dueOn: string | null;
}

/** A CPD obligation that day, as the CPD module reads it. */
export interface ObligationOnDay {
  kind: 'cycle' | 'membership' | 'remedial';
  policy: string;
  credentialNumber: string | null;
  memberNumber: string | null;
  caseId: string | null;
  startsOn: string;
  endsOn: string;
  required: number;
  counted: number;
  remaining: number;
  met: boolean;
  shortfalls: string[];
  /** What the year running still needs: a next step, not a shortfall. */
  toGo: string[];
  /** What stood in for the credits short (an exam passed), where something did. */
  standIn?: { name: string; number: string; passedOn: string } | null;
}

export interface StandingFacts {
  day: string;
  membership: MembershipStanding | null;
  credentials: CredentialOnDay[];
  overdue: { overdue: number; overdueMinor: number; currency: string | null; since: string | null };
  /** The pledge to the code in force that day; null where no code was in force. */
  pledge: { version: string; pledged: boolean } | null;
  sanctions: SanctionInEffect[];
  /** Open investigations that day, where the reader may know of them; null where not. */
  openInvestigations: number | null;
  obligations: ObligationOnDay[];
  /** The category's own requirements, evaluated on the day; null where it has none. */
  categoryRequirements: Evaluation | null;
}

export interface Standing {
  goodStanding: boolean;
  /** Every requirement met: what a renewal and a recommendation letter need. */
  renewalReady: boolean;
  requirements: StandingRequirement[];
  nextSteps: string[];
}

/** How far ahead the end of a credential's validity is worth a next step. */
const RENEW_NOTICE_DAYS = 90;

const requirement = (
  fields: Pick<StandingRequirement, 'requirement' | 'met' | 'detail'> &
    Partial<Omit<StandingRequirement, 'requirement' | 'met' | 'detail'>>,
): StandingRequirement => ({
  subject: null,
  blocks: 'standing',
  nextStep: null,
  public: false,
  ...fields,
});

function membershipRequirement(facts: StandingFacts): StandingRequirement {
  const membership = facts.membership;
  const onDay = membership?.onDay;
  if (!membership || !onDay) {
    return requirement({
      requirement: 'membership',
      met: false,
      public: true,
      detail: membership ? `Not yet a member on ${facts.day}` : 'Not a member',
      nextStep: membership ? null : 'Apply for membership',
    });
  }
  const named = `Membership ${membership.memberNumber} (${membership.category.name})`;
  const base = { requirement: 'membership', subject: membership.memberNumber, public: true };
  switch (onDay.status) {
    case 'active':
      return requirement({
        ...base,
        met: true,
        detail: `${named} active, covered until ${onDay.coveredUntil}`,
      });
    case 'grace':
      return requirement({
        ...base,
        met: true,
        detail: `${named} in its grace days: the cover ended on ${onDay.coveredUntil}`,
        nextStep: `Pay the dues before ${onDay.graceEndsOn}, when the membership lapses`,
      });
    case 'lapsed':
      return requirement({
        ...base,
        met: false,
        detail: `${named} lapsed on ${addDays(onDay.graceEndsOn, 1)}`,
        nextStep: 'Pay the dues outstanding, oldest first, to reinstate it',
      });
    case 'suspended':
      return requirement({
        ...base,
        met: false,
        detail: `${named} suspended from ${onDay.since}${onDay.suspendedUntil ? ` until ${onDay.suspendedUntil}` : ' until lifted'}`,
        nextStep: onDay.suspendedUntil ? `The suspension ends after ${onDay.suspendedUntil}` : null,
      });
    default:
      return requirement({
        ...base,
        met: false,
        detail: `${named} ${onDay.status} on ${onDay.since}`,
        nextStep: onDay.status === 'resigned' ? 'Apply for membership again' : null,
      });
  }
}

function duesRequirement(facts: StandingFacts): StandingRequirement {
  const { overdue, overdueMinor, currency, since } = facts.overdue;
  return overdue === 0
    ? requirement({ requirement: 'dues', met: true, detail: `No invoice overdue on ${facts.day}` })
    : requirement({
        requirement: 'dues',
        met: false,
        detail: `${overdue} invoice${overdue === 1 ? '' : 's'} overdue since ${since}: ${overdueMinor} in minor units of ${currency} outstanding`,
        nextStep: 'Pay the invoices overdue',
      });
}

/**
 * One requirement per verified credential that counts that day: the latest of each type, and any
 * other still valid. A suspension or revocation holds against good standing; an expired one
 * does where the category needs its type, and otherwise only against a renewal. One superseded
 * by a later credential (a grade upgraded) is not counted at all: its successor speaks for it.
 * A credential the category needs that waits for verification is named with its next step.
 */
function credentialRequirements(facts: StandingFacts): StandingRequirement[] {
  const wanted = facts.membership?.category.requirements;
  const required = new Set(wanted ? requiredCredentialCodes(wanted) : []);
  const professionId = facts.membership?.category.professionId;
  // A type the category needs: its code named, and of the category's profession (or of none).
  const needed = (credential: CredentialOnDay) =>
    required.has(credential.typeCode) && holdsFor(credential.typeProfessionId, professionId);
  const verified = facts.credentials.filter(
    (credential) => credential.verification === 'verified' && credential.status !== 'superseded',
  );
  const latestOfType = new Map<string, CredentialOnDay>();
  for (const credential of verified) {
    const latest = latestOfType.get(credential.typeId);
    if (!latest || credential.validFrom > latest.validFrom)
      latestOfType.set(credential.typeId, credential);
  }
  const counted = verified.filter(
    (credential) =>
      credential.status !== 'expired' || latestOfType.get(credential.typeId) === credential,
  );
  const results = counted.map((credential) => {
    const named = `${credential.typeName} ${credential.number}`;
    const base = {
      requirement: `credential:${credential.typeCode}`,
      subject: credential.number,
      public: credential.publiclyVerifiable,
    };
    switch (credential.status) {
      case 'active': {
        const ending =
          credential.validUntil !== null &&
          credential.validUntil <= addDays(facts.day, RENEW_NOTICE_DAYS);
        return requirement({
          ...base,
          met: true,
          detail: `${named} valid ${credential.validUntil ? `until ${credential.validUntil}` : 'for life'}`,
          nextStep: ending ? `Renew ${named} before ${credential.validUntil}` : null,
        });
      }
      case 'suspended':
        return requirement({
          ...base,
          met: false,
          detail: `${named} suspended${credential.suspendedUntil ? ` until ${credential.suspendedUntil}` : ' until lifted'}`,
          nextStep: credential.suspendedUntil
            ? `The suspension ends after ${credential.suspendedUntil}`
            : null,
        });
      case 'revoked':
        return requirement({
          ...base,
          met: false,
          detail: `${named} revoked on ${credential.revokedOn}`,
        });
      default:
        return requirement({
          ...base,
          met: false,
          blocks: needed(credential) ? 'standing' : 'renewal',
          detail: `${named} expired on ${addDays(credential.validUntil!, 1)}`,
          nextStep: `Renew ${named}, or record the one that replaced it`,
        });
    }
  });
  const held = new Set(verified.filter(needed).map((credential) => credential.typeCode));
  for (const code of required) {
    const pending = held.has(code)
      ? undefined
      : facts.credentials.find(
          (credential) =>
            credential.typeCode === code &&
            needed(credential) &&
            credential.verification === 'submitted',
        );
    if (pending) {
      results.push(
        requirement({
          requirement: `credential:${code}`,
          met: false,
          detail: `${pending.typeName} ${pending.number} is not verified`,
          nextStep: 'Wait for its verification, or send its evidence',
        }),
      );
    }
  }
  return results;
}

/** The credential types a requirement needs whatever else is held: its own leaves, and those of an all-of. */
function requiredCredentialCodes(requirement: Requirement): string[] {
  if ('all' in requirement) return requirement.all.flatMap(requiredCredentialCodes);
  return 'credential' in requirement ? [requirement.credential] : [];
}

/** The pledge, where the category asks for it (and its profession has a code in force). */
function pledgeRequirement(facts: StandingFacts): StandingRequirement | null {
  const wanted = facts.membership?.category.requirements;
  if (!facts.pledge || !wanted || !names(wanted, 'pledge')) return null;
  const { version, pledged } = facts.pledge;
  return requirement({
    requirement: 'pledge',
    met: pledged,
    detail: pledged
      ? `Pledged to the code of ethics in force (${version})`
      : `No pledge to the code of ethics in force (${version})`,
    nextStep: pledged ? null : `Pledge to the code of ethics ${version}`,
  });
}

function ethicsRequirements(facts: StandingFacts): StandingRequirement[] {
  const barring = facts.sanctions.filter(
    (sanction) => sanction.effect === 'suspension' || sanction.effect === 'revocation',
  );
  const investigations = facts.openInvestigations
    ? `; ${facts.openInvestigations} case${facts.openInvestigations === 1 ? '' : 's'} under investigation`
    : '';
  if (!barring.length) {
    return [
      requirement({
        requirement: 'ethics',
        met: true,
        detail: `No suspension or revocation in effect${investigations}`,
      }),
    ];
  }
  return barring.map((sanction) =>
    requirement({
      requirement: 'ethics',
      subject: sanction.type,
      met: false,
      public: sanction.public,
      detail:
        sanction.effect === 'revocation'
          ? `${sanction.name} since ${sanction.startsOn}`
          : `${sanction.name} from ${sanction.startsOn} until ${sanction.endsOn}${investigations}`,
      nextStep:
        sanction.effect === 'suspension' ? `The suspension ends after ${sanction.endsOn}` : null,
    }),
  );
}

const credits = (value: number) => String(Math.round(value * 100) / 100);

/**
 * A cycle short of its credits blocks a renewal, not good standing: the cycle is not over. A
 * year of the cycle still running is not short: what it needs is a next step. Remedial training
 * past its due date and still short holds against good standing itself.
 */
function cpdRequirements(facts: StandingFacts): StandingRequirement[] {
  return facts.obligations.map((obligation) => {
    const overdue = obligation.kind === 'remedial' && obligation.endsOn < facts.day;
    const figures = `${credits(obligation.counted)}/${credits(obligation.required)} credits from ${obligation.startsOn} to ${obligation.endsOn}`;
    return requirement({
      requirement: `cpd:${obligation.policy}`,
      subject: obligation.credentialNumber ?? obligation.memberNumber ?? obligation.caseId,
      ...(obligation.credentialNumber
        ? { cycleOf: 'credential' as const }
        : obligation.memberNumber
          ? { cycleOf: 'membership' as const }
          : {}),
      met: obligation.met,
      blocks: overdue ? 'standing' : 'renewal',
      detail: obligation.met
        ? obligation.standIn
          ? `${obligation.policy}: ${obligation.standIn.name} ${obligation.standIn.number} passed on ${obligation.standIn.passedOn} stands in for the credits (${figures})`
          : `${obligation.policy}: ${figures}`
        : `${overdue ? 'remedial training overdue' : 'renewal blocked'}: ${obligation.shortfalls.join('; ')}`,
      nextStep: obligation.met
        ? obligation.toGo.length
          ? `${obligation.policy}: ${obligation.toGo.join('; ')}`
          : null
        : overdue
          ? `Earn the ${credits(obligation.remaining)} credits of ${obligation.policy} still owed (due ${obligation.endsOn})`
          : `${credits(obligation.remaining)} to go before ${obligation.endsOn}`,
    });
  });
}

/**
 * The category's own requirements, the pledge aside (it has its own line, with its next step)
 * and the application fee (paid before admission).
 */
function categoryRequirements(facts: StandingFacts): StandingRequirement[] {
  const own = (facts.categoryRequirements?.results ?? []).filter(
    (result) => result.requirement !== 'pledge' && result.requirement !== 'application-fee',
  );
  return own.map((result) =>
    requirement({
      requirement: `requirement:${result.requirement}`,
      met: result.met,
      detail: result.detail,
      nextStep: result.met ? null : `Meet the category's requirement: ${result.detail}`,
    }),
  );
}

/** Every requirement of the day, in the order a reader goes through them, and the verdicts. */
export function standingOf(facts: StandingFacts): Standing {
  const requirements = [
    membershipRequirement(facts),
    duesRequirement(facts),
    ...credentialRequirements(facts),
    pledgeRequirement(facts),
    ...ethicsRequirements(facts),
    ...categoryRequirements(facts),
    ...cpdRequirements(facts),
  ].filter((item): item is StandingRequirement => item !== null);
  return {
    goodStanding: requirements.every((item) => item.met || item.blocks !== 'standing'),
    renewalReady: requirements.every((item) => item.met),
    requirements,
    nextSteps: requirements.flatMap((item) => (item.nextStep ? [item.nextStep] : [])),
  };
}

import { holdsFor } from 'src/common/profession-scope';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { addDays, lastDayOfTerm } from 'src/common/dates';
import type { FieldError } from 'src/common/errors/app-error';

/**
 * A CPD policy as data: the credits a cycle needs and how they are counted. Each domain needs its
 * share of the total (or a fixed minimum) and may be capped; where a domain takes the overflow
 * (KMK 1561/2024's "flexible" share), what other domains earn beyond their share fills it. A
 * category of activity may be capped for the cycle, one domain may need a minimum in every year
 * of the cycle, and what a cycle earns beyond its total may carry into the next.
 */
export interface CpdPolicyRules {
  cycleMonths: number;
  totalCredits: number;
  domains: CpdDomainRule[];
  /** Each year of the cycle needs this percentage of one domain's required credits. */
  yearlyMinimum?: { domain: string; percentOfDomain: number };
  categoryCaps?: { category: string; capCredits: number }[];
  /** The most credits beyond the total that count in the next cycle; none when absent. */
  carryOverCredits?: number;
  /**
   * What may stand in for the credits a cycle is short of: a credential passed since the cycle
   * began, such as the competence exam KMK 1561/2024 lets a practitioner take who did not meet
   * the credits of a permit period.
   */
  standIns?: CpdStandIn[];
}

export interface CpdStandIn {
  /** The credential type its passing is recorded as (verified, not revoked). */
  credentialTypeCode: string;
  /** What it is, in words: "competence exam (uji kompetensi)". */
  name: string;
}

export interface CpdDomainRule {
  code: string;
  name: string;
  /** Its share of the total, in percent; or a fixed minimum; or neither (counted, not required). */
  sharePercent?: number;
  minimumCredits?: number;
  /** The most this domain counts toward the total (the legacy P2KB caps). */
  capCredits?: number;
  /** Takes what the other domains earn beyond their share. */
  takesOverflow?: boolean;
}

/** One credit, recorded once, as an obligation reads it. */
export interface CpdCredit {
  id: string;
  earnedOn: string;
  domain: string;
  category: string;
  credits: number;
}

export interface CpdCycle {
  startsOn: string;
  endsOn: string;
}

export interface DomainFigures {
  domain: string;
  name: string;
  required: number;
  earned: number;
  /** Counted toward what is required, up to it. */
  counted: number;
  remaining: number;
  /** Counted beyond what the domain requires (a domain that requires nothing has none). */
  surplus: number;
  /** The credits behind the figure, in the order they were earned. */
  creditIds: string[];
}

/**
 * How a year of the cycle stands on the day it is read: a year is judged once it has ended; the
 * year running is on track or has credits to go by its end; a year not begun is not judged.
 */
export const YEAR_STATES = ['met', 'short', 'running', 'not-begun'] as const;
export type YearState = (typeof YEAR_STATES)[number];

export interface YearFigures {
  year: number;
  from: string;
  to: string;
  domain: string;
  required: number;
  earned: number;
  /** Earned what the year needs. */
  met: boolean;
  state: YearState;
  /** What the year still needs, by its last day. */
  toGo: number;
}

export interface NotCounted {
  creditId: string;
  credits: number;
  reason: string;
}

export interface CpdStanding {
  cycle: CpdCycle;
  required: number;
  carriedIn: number;
  /** Counted toward the total, up to it. */
  counted: number;
  remaining: number;
  /** Counted beyond the total: what carries out of it is `carriesOut`, the rest lapses. */
  surplus: number;
  domains: DomainFigures[];
  years: YearFigures[];
  /** Credits, or parts of them, that a cap kept out. */
  notCounted: NotCounted[];
  /** What beyond the total carries into the next cycle. */
  carriesOut: number;
  met: boolean;
  /** Each unmet rule in words, e.g. "learning 38/45 credits". */
  shortfalls: string[];
  /** Each rule of the year running still to be met, in words: not a shortfall yet. */
  toGo: string[];
  /** What stood in for the credits the cycle is short of, making it met; null where nothing did. */
  standIn: { credentialType: string; name: string; number: string; passedOn: string } | null;
}

/**
 * This file's code, as a standing worked out by it is remembered under: a release that changes
 * the arithmetic makes every remembered standing out of date.
 */
export const CPD_RULES_DIGEST = createHash('sha256').update(readFileSync(__filename)).digest('hex');

// Credits are worked in hundredths, so that 0.1 + 0.2 is 0.3.
const toUnits = (credits: number) => Math.round(credits * 100);
const toCredits = (units: number) => units / 100;
/** Hundredths as text, "38" or "112.5": integer arithmetic, as reports print millions of them. */
const format = (units: number): string => {
  const whole = String(Math.trunc(units / 100));
  const hundredths = Math.abs(units % 100);
  if (hundredths === 0) return whole;
  return hundredths % 10 === 0
    ? `${whole}.${hundredths / 10}`
    : `${whole}.${String(hundredths).padStart(2, '0')}`;
};

export const requiredOf = (rules: CpdPolicyRules, domain: CpdDomainRule): number =>
  domain.minimumCredits !== undefined
    ? domain.minimumCredits
    : domain.sharePercent !== undefined
      ? toCredits(Math.round((toUnits(rules.totalCredits) * domain.sharePercent) / 100))
      : 0;

/** The cycle that begins on a day: its length from the policy, its last day the day before the next. */
export const cycleFrom = (startsOn: string, rules: CpdPolicyRules): CpdCycle => ({
  startsOn,
  endsOn: lastDayOfTerm(startsOn, rules.cycleMonths),
});

const yearsOfCycles = new Map<string, { year: number; from: string; to: string }[]>();

/**
 * The years of a cycle, the last one ending with it. Remembered (read-only): the compliance
 * report asks for the same few thousand cycles a million times.
 */
export function cycleYears(cycle: CpdCycle): readonly { year: number; from: string; to: string }[] {
  const key = `${cycle.startsOn}/${cycle.endsOn}`;
  const known = yearsOfCycles.get(key);
  if (known) return known;
  const years: { year: number; from: string; to: string }[] = [];
  let from = cycle.startsOn;
  for (let year = 1; from <= cycle.endsOn; year++) {
    const to = lastDayOfTerm(from, 12);
    years.push({ year, from, to: to < cycle.endsOn ? to : cycle.endsOn });
    from = addDays(to, 1);
  }
  if (yearsOfCycles.size >= 10_000) yearsOfCycles.clear();
  yearsOfCycles.set(key, years);
  return years;
}

/**
 * The year of a cycle a day falls in (0 for the first), in SQL, as `cycleYears` counts them: each
 * year begins on the cycle's anniversary, and a cycle begun on 29 February has its later years
 * begin on 1 March (its first year ends on 28 February). Both must agree: test/medium says so.
 */
export const CYCLE_YEAR_SQL = (day: string, startsOn: string): string => {
  const monthDay = (date: string) =>
    `(extract(month FROM ${date})::int * 100 + extract(day FROM ${date})::int)`;
  return `GREATEST(0, extract(year FROM ${day})::int - extract(year FROM ${startsOn})::int
    - CASE WHEN ${monthDay(day)} < CASE WHEN ${monthDay(startsOn)} = 229 THEN 301 ELSE ${monthDay(startsOn)} END
           THEN 1 ELSE 0 END)`;
};

/**
 * The last day a standing read on `asOf` says the same of the cycle's years (credits aside): the
 * end of the year `asOf` falls in, where the policy judges years; the cycle's end where not.
 */
export function yearsJudgedAlikeThrough(
  rules: CpdPolicyRules,
  cycle: CpdCycle,
  asOf: string,
): string {
  if (!rules.yearlyMinimum || asOf >= cycle.endsOn) return cycle.endsOn;
  return cycleYears(cycle).find(({ from, to }) => from <= asOf && asOf <= to)?.to ?? cycle.endsOn;
}

/**
 * Where a person stands on one obligation on `asOf` (the cycle's end where not given): the
 * credits of its cycle counted under its policy, with every figure's credits. A year of the
 * cycle is judged once it has ended; the year running has credits to go, not a shortfall; a
 * year not begun is not judged at all. Pure: the same credits, rules and day give the same answer.
 */
export function standingOn(
  rules: CpdPolicyRules,
  cycle: CpdCycle,
  credits: CpdCredit[],
  carriedIn = 0,
  asOf = cycle.endsOn,
): CpdStanding {
  const inCycle = credits
    .filter((credit) => credit.earnedOn >= cycle.startsOn && credit.earnedOn <= cycle.endsOn)
    .sort((a, b) => a.earnedOn.localeCompare(b.earnedOn) || a.id.localeCompare(b.id));
  const notCounted: NotCounted[] = [];

  // Category caps, in the order credits were earned: the first ones count.
  const categoryLeft = new Map(
    (rules.categoryCaps ?? []).map(({ category, capCredits }) => [category, toUnits(capCredits)]),
  );
  const domainRules = new Map(rules.domains.map((domain) => [domain.code, domain]));
  const earned = new Map<string, { units: number; ids: string[] }>(
    rules.domains.map((domain) => [domain.code, { units: 0, ids: [] }]),
  );
  const earnedByDay: { earnedOn: string; domain: string; units: number }[] = [];
  for (const credit of inCycle) {
    let units = toUnits(credit.credits);
    const left = categoryLeft.get(credit.category);
    if (left !== undefined) {
      const kept = Math.min(units, left);
      categoryLeft.set(credit.category, left - kept);
      if (kept < units) {
        notCounted.push({
          creditId: credit.id,
          credits: toCredits(units - kept),
          reason: `the cap on ${credit.category} (${rules.categoryCaps!.find((cap) => cap.category === credit.category)!.capCredits} credits a cycle)`,
        });
      }
      units = kept;
    }
    const domain = earned.get(credit.domain);
    if (!domain) {
      notCounted.push({
        creditId: credit.id,
        credits: credit.credits,
        reason: `the policy counts no domain ${credit.domain}`,
      });
      continue;
    }
    domain.units += units;
    domain.ids.push(credit.id);
    earnedByDay.push({ earnedOn: credit.earnedOn, domain: credit.domain, units });
  }

  // Domain caps, then shares: beyond its share a domain's credits overflow to the flexible one.
  const overflowDomain = rules.domains.find((domain) => domain.takesOverflow);
  let overflow = 0;
  const counted = new Map<string, number>();
  for (const rule of rules.domains) {
    const { units } = earned.get(rule.code)!;
    const capped =
      rule.capCredits === undefined ? units : Math.min(units, toUnits(rule.capCredits));
    const required = toUnits(requiredOf(rules, rule));
    if (overflowDomain && rule !== overflowDomain && capped > required) {
      overflow += capped - required;
      counted.set(rule.code, required);
    } else {
      counted.set(rule.code, capped);
    }
  }
  const carriedUnits = toUnits(carriedIn);
  if (overflowDomain) {
    counted.set(overflowDomain.code, counted.get(overflowDomain.code)! + overflow + carriedUnits);
  }

  const domains: DomainFigures[] = rules.domains.map((rule) => {
    const required = toUnits(requiredOf(rules, rule));
    const own = earned.get(rule.code)!;
    const domainCounted = counted.get(rule.code)!;
    const upToRequired = required > 0 ? Math.min(domainCounted, required) : domainCounted;
    return {
      domain: rule.code,
      name: rule.name,
      required: toCredits(required),
      earned: toCredits(own.units),
      counted: toCredits(upToRequired),
      remaining: toCredits(Math.max(0, required - domainCounted)),
      surplus: toCredits(domainCounted - upToRequired),
      creditIds: own.ids,
    };
  });

  const years: YearFigures[] = [];
  if (rules.yearlyMinimum) {
    const { domain, percentOfDomain } = rules.yearlyMinimum;
    const rule = domainRules.get(domain)!;
    const required = Math.round((toUnits(requiredOf(rules, rule)) * percentOfDomain) / 100);
    for (const { year, from, to } of cycleYears(cycle)) {
      const units = earnedByDay
        .filter(
          (entry) => entry.domain === domain && entry.earnedOn >= from && entry.earnedOn <= to,
        )
        .reduce((sum, entry) => sum + entry.units, 0);
      const met = units >= required;
      years.push({
        year,
        from,
        to,
        domain,
        required: toCredits(required),
        earned: toCredits(units),
        met,
        state: from > asOf ? 'not-begun' : to >= asOf ? 'running' : met ? 'met' : 'short',
        toGo: toCredits(Math.max(0, required - units)),
      });
    }
  }

  const total = toUnits(rules.totalCredits);
  const countedUnits =
    [...counted.values()].reduce((sum, units) => sum + units, 0) +
    (overflowDomain ? 0 : carriedUnits);
  const shortfalls = [
    ...domains
      .filter((figures) => figures.remaining > 0)
      .map(
        (figures) =>
          `${figures.domain} ${format(toUnits(figures.counted))}/${format(toUnits(figures.required))} credits`,
      ),
    ...years
      .filter((figures) => figures.state === 'short')
      .map(
        (figures) =>
          `${figures.domain} in year ${figures.year} (${figures.from} to ${figures.to}) ${format(toUnits(figures.earned))}/${format(toUnits(figures.required))} credits`,
      ),
  ];
  if (countedUnits < total) {
    shortfalls.unshift(`total ${format(countedUnits)}/${format(total)} credits`);
  }
  const toGo = years
    .filter((figures) => figures.state === 'running' && !figures.met)
    .map(
      (figures) =>
        `${figures.domain} in year ${figures.year}: ${format(toUnits(figures.toGo))} to go by ${figures.to}`,
    );
  const beyond = Math.max(0, countedUnits - total);
  return {
    cycle,
    required: rules.totalCredits,
    carriedIn,
    counted: toCredits(Math.min(countedUnits, total)),
    remaining: toCredits(Math.max(0, total - countedUnits)),
    surplus: toCredits(beyond),
    domains,
    years,
    notCounted,
    carriesOut: toCredits(Math.min(beyond, toUnits(rules.carryOverCredits ?? 0))),
    met: shortfalls.length === 0,
    shortfalls,
    toGo,
    standIn: null,
  };
}

/**
 * A standing short of credits, met where the policy lets something stand in for them and the
 * person passed it since the cycle began: the first so passed. The shortfalls stay, as facts.
 */
export function withStandIn<S extends CpdStanding>(
  standing: S,
  rules: CpdPolicyRules,
  held: { typeCode: string; typeProfessionId?: string | null; number: string; validFrom: string }[],
  professionId?: string | null,
): S {
  if (standing.met) return standing;
  for (const standIn of rules.standIns ?? []) {
    const passed = held
      .filter(
        (credential) =>
          credential.typeCode === standIn.credentialTypeCode &&
          holdsFor(credential.typeProfessionId, professionId) &&
          credential.validFrom >= standing.cycle.startsOn,
      )
      .sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
    if (passed) {
      return {
        ...standing,
        met: true,
        standIn: {
          credentialType: standIn.credentialTypeCode,
          name: standIn.name,
          number: passed.number,
          passedOn: passed.validFrom,
        },
      };
    }
  }
  return standing;
}

/** A credential as a CPD cycle: its type, number and validity. */
export type HeldCycle = {
  typeCode: string;
  number: string;
  validFrom: string;
  validUntil: string | null;
};

/** Carry-over reaches back this many cycles at most (fifty years of five-year permits). */
const CARRY_OVER_DEPTH = 10;

/**
 * A credential's cycle under the policy version in force when it began, with what the cycle
 * before it carries in: the credential of the same type whose cycle ended the day before this one
 * began, itself read with what its own predecessor carried, and so on back.
 */
export function standingWithCarryOver<V extends { effectiveFrom: string; rules: CpdPolicyRules }>(
  versions: V[],
  held: HeldCycle,
  history: HeldCycle[],
  credits: CpdCredit[],
  asOf?: string,
  depth = 0,
): (CpdStanding & { version: V; carriedFrom: string | null }) | undefined {
  const version = versionInForce(versions, held.validFrom);
  if (!version) return undefined;
  const cycle = held.validUntil
    ? { startsOn: held.validFrom, endsOn: held.validUntil }
    : cycleFrom(held.validFrom, version.rules);
  const before =
    depth < CARRY_OVER_DEPTH
      ? history.find(
          (other) =>
            other.typeCode === held.typeCode && other.validUntil === addDays(held.validFrom, -1),
        )
      : undefined;
  const previous =
    before && standingWithCarryOver(versions, before, history, credits, undefined, depth + 1);
  const carriedIn = previous?.carriesOut ?? 0;
  return {
    ...standingOn(version.rules, cycle, credits, carriedIn, asOf),
    version,
    carriedFrom: carriedIn > 0 ? before!.number : null,
  };
}

/**
 * Whether a policy binds a member: it follows their category, or their speciality, and is of
 * their category's profession (or of none).
 */
export const bindsMember = (
  policy: {
    professionId?: string | null;
    membershipCategoryCode: string | null;
    speciality: string | null;
  },
  member: { categoryCode: string; categoryProfessionId?: string | null; speciality: string | null },
): boolean =>
  holdsFor(policy.professionId, member.categoryProfessionId) &&
  (policy.membershipCategoryCode === member.categoryCode ||
    (policy.speciality !== null &&
      member.speciality !== null &&
      policy.speciality.toLowerCase() === member.speciality.toLowerCase()));

/** Whether a policy follows a credential's type: its code, of the policy's profession (or of none). */
export const followsCredential = (
  policy: { professionId?: string | null; credentialTypeCode: string | null },
  held: { typeCode: string; typeProfessionId?: string | null },
): boolean =>
  policy.credentialTypeCode === held.typeCode &&
  holdsFor(policy.professionId, held.typeProfessionId);

/** Policies in series: the versions of one policy, one profession's code, together. */
export function policySeries<T extends { code: string; professionId?: string | null }>(
  policies: T[],
): T[][] {
  const series = new Map<string, T[]>();
  for (const policy of policies) {
    const key = `${policy.professionId ?? ''}/${policy.code}`;
    series.set(key, [...(series.get(key) ?? []), policy]);
  }
  return [...series.values()];
}

/** Membership cycles are followed back this far at most (a century of yearly cycles). */
const MEMBERSHIP_CYCLES = 100;

/**
 * The cycle of a membership in force on a day: cycles run back to back from the day membership
 * began, each as long as the version in force when it began says (the first version's length
 * before any was in force). Undefined when no version was in force as the current cycle began.
 */
export function membershipCycleOn<V extends { effectiveFrom: string; rules: CpdPolicyRules }>(
  versions: V[],
  memberSince: string,
  day: string,
): { cycle: CpdCycle; version: V; before: { cycle: CpdCycle; version?: V }[] } | undefined {
  const earliest = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
  const before: { cycle: CpdCycle; version?: V }[] = [];
  let startsOn = memberSince;
  for (let n = 0; earliest && n < MEMBERSHIP_CYCLES; n++) {
    const version = versionInForce(versions, startsOn);
    const cycle = cycleFrom(startsOn, (version ?? earliest).rules);
    if (cycle.endsOn >= day) return version ? { cycle, version, before } : undefined;
    before.push({ cycle, version });
    startsOn = addDays(cycle.endsOn, 1);
  }
  return undefined;
}

/**
 * Where a member stands in their membership's current cycle, with what the cycles before it
 * carried in, each read under the version in force when it began.
 */
export function membershipStandingOn<V extends { effectiveFrom: string; rules: CpdPolicyRules }>(
  versions: V[],
  memberSince: string,
  day: string,
  credits: CpdCredit[],
): (CpdStanding & { version: V }) | undefined {
  const current = membershipCycleOn(versions, memberSince, day);
  if (!current) return undefined;
  let carried = 0;
  for (const { cycle, version } of current.before) {
    carried = version?.rules.carryOverCredits
      ? standingOn(version.rules, cycle, credits, carried).carriesOut
      : 0;
  }
  return {
    ...standingOn(current.version.rules, current.cycle, credits, carried, day),
    version: current.version,
  };
}

/** What is wrong with a policy an admin sends, field by field (none: it can be kept). */
export function policyRuleErrors(rules: CpdPolicyRules, field = 'rules'): FieldError[] {
  const errors: FieldError[] = [];
  const codes = new Set<string>();
  for (const [index, domain] of rules.domains.entries()) {
    if (codes.has(domain.code)) {
      errors.push({
        field: `${field}.domains.${index}.code`,
        message: `${domain.code} is named twice`,
      });
    }
    codes.add(domain.code);
    if (domain.sharePercent !== undefined && domain.minimumCredits !== undefined) {
      errors.push({
        field: `${field}.domains.${index}`,
        message: 'a domain needs a share or a minimum, not both',
      });
    }
  }
  const shares = rules.domains.reduce((sum, domain) => sum + (domain.sharePercent ?? 0), 0);
  if (shares > 100) {
    errors.push({
      field: `${field}.domains`,
      message: `the shares add up to ${shares}%, over 100%`,
    });
  }
  if (rules.domains.filter((domain) => domain.takesOverflow).length > 1) {
    errors.push({ field: `${field}.domains`, message: 'only one domain takes the overflow' });
  }
  if (rules.yearlyMinimum && !codes.has(rules.yearlyMinimum.domain)) {
    errors.push({
      field: `${field}.yearlyMinimum.domain`,
      message: `${rules.yearlyMinimum.domain} is not a domain of the policy`,
    });
  }
  errors.push(
    ...repeated(
      (rules.categoryCaps ?? []).map((cap) => cap.category),
      (index) => `${field}.categoryCaps.${index}.category`,
      (category) => `${category} is capped twice`,
    ),
    ...repeated(
      (rules.standIns ?? []).map((standIn) => standIn.credentialTypeCode),
      (index) => `${field}.standIns.${index}.credentialTypeCode`,
      (code) => `${code} is named twice`,
    ),
  );
  return errors;
}

/** A field error for each value that an earlier one in the list repeats. */
function repeated(
  values: string[],
  fieldOf: (index: number) => string,
  messageOf: (value: string) => string,
): FieldError[] {
  return values.flatMap((value, index) =>
    values.indexOf(value) < index ? [{ field: fieldOf(index), message: messageOf(value) }] : [],
  );
}

/** The version of a policy in force on a day: the latest that took effect on or before it. */
export function versionInForce<T extends { effectiveFrom: string }>(
  versions: T[],
  day: string,
): T | undefined {
  return versions
    .filter((version) => version.effectiveFrom <= day)
    .reduce<T | undefined>(
      (latest, version) =>
        !latest || version.effectiveFrom > latest.effectiveFrom ? version : latest,
      undefined,
    );
}

export const CPD_CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'needs_info'] as const;
export type CpdClaimStatus = (typeof CPD_CLAIM_STATUSES)[number];
export const CPD_CLAIM_DECISIONS = ['approved', 'rejected', 'needs_info'] as const;
export type CpdClaimDecision = (typeof CPD_CLAIM_DECISIONS)[number];
export const CPD_CREDIT_SOURCES = ['claim', 'attendance', 'volunteering'] as const;
export type CpdCreditSource = (typeof CPD_CREDIT_SOURCES)[number];

/**
 * A random audit's draw, reproducible from its seed: each person ranks by the SHA-256 of the seed
 * and their id, and the lowest share (rounded up) is picked. The same seed over the same people
 * picks the same ones, in whatever order they are listed.
 */
export function auditDraw(personIds: string[], seed: string, sharePercent: number): string[] {
  const size = Math.ceil((personIds.length * sharePercent) / 100);
  return [...new Set(personIds)]
    .map((personId) => ({
      personId,
      rank: createHash('sha256').update(`${seed}:${personId}`).digest('hex'),
    }))
    .sort((a, b) => a.rank.localeCompare(b.rank))
    .slice(0, size)
    .map(({ personId }) => personId)
    .sort();
}

import { holdsFor } from 'src/common/profession-scope';
import { addDays, lastDayOfTerm } from 'src/common/dates';
import type { FieldError } from 'src/common/errors/app-error';

/**
 * What a category needs to admit someone or a credential type before it is issued, as data: all
 * of, any of, or at least N of credentials held (for at least a duration), verified
 * qualifications (by degree code, field of study, an accredited institution), a pledge to the
 * code of ethics of the profession, fees paid (no invoice open past its due date) and, for a
 * membership category, the application's fee paid. Each leaf is evaluated and named on its own, so a refusal
 * says exactly what is missing.
 */
export type Requirement =
  | { all: Requirement[] }
  | { any: Requirement[] }
  | { atLeast: number; of: Requirement[] }
  | {
      credential: string;
      /**
       * Held this long: one record's own period, from its start to its end (to today while it
       * runs), continuous; a period that has ended counts. With `addUp`, the periods of every
       * record of the type add up (years of practice across employers), overlaps counted once.
       */
      heldForMonths?: number;
      addUp?: boolean;
    }
  | {
      qualification: {
        degrees?: string[];
        levels?: string[];
        field?: string;
        accreditedInstitution?: boolean;
      };
    }
  | { pledge: true }
  | { fees: 'paid' }
  /** A category's: the fee of the application paid before it is approved. */
  | { applicationFee: 'paid' }
  /** At least this many years old on the day, from the birth date on record. */
  | { minimumAge: number }
  /** A fact the person declared (`NOT_CIVIL_SERVANT`), with its evidence, checked by staff. */
  | { declared: string }
  /** An act of the association about the person (`APPOINTMENT`), recorded by staff. */
  | { decided: string };

/** The leaves whose facts are read only where a requirement names them. */
export type GatheredLeaf =
  'pledge' | 'fees' | 'applicationFee' | 'minimumAge' | 'declared' | 'decided';

/** The person as requirements read them, on one day. */
export interface RequirementFacts {
  today: string;
  /**
   * The profession the requirement belongs to (a category's, a credential type's): a credential it
   * names counts only of a type that holds for that profession (`holdsFor`). Left out: any type.
   */
  professionId?: string | null;
  /**
   * Verified credentials begun by today, revoked ones aside: by type code, the day each began
   * and ended (none: it runs on), and whether it is valid today (not expired nor suspended).
   */
  credentials: HeldCredential[];
  /** Verified qualifications. */
  qualifications: {
    degree: string;
    degreeCode: string | null;
    field: string;
    institutionAccredited: boolean;
    degreeLevel?: string | null;
  }[];
  /**
   * The pledge to the code in force of the profession the requirement belongs to: null when that
   * profession has no code in force. Gathered only for requirements that name a pledge.
   */
  pledge?: { version: string; pledged: boolean } | null;
  /** Invoices open past their due date. Gathered only for requirements that name fees. */
  fees?: { overdue: number; overdueMinor: number; currency: string | null };
  /**
   * The application fee: `paid`, or where it stands (`unpaid`, `not invoiced`). Gathered for an
   * application whose category names it; a member's was paid before admission.
   */
  applicationFee?: string;
  /** What the person's record says, gathered for requirements that name age, declarations or acts. */
  person?: PersonFacts;
}

/** What requirements read of a person's own record. */
export interface PersonFacts {
  birthDate: string | null;
  /** The declarations on record, each with the outcome of its check (none: not yet checked). */
  declarations: {
    code: string;
    declaredOn: string;
    outcome: 'confirmed' | 'refuted' | null;
    checkedOn: string | null;
  }[];
  /** The association's acts about the person. */
  acts: { code: string; decidedOn: string; reference: string }[];
}

export interface HeldCredential {
  typeCode: string;
  /** The profession of its type (null: a type of no profession). */
  typeProfessionId?: string | null;
  validFrom: string;
  /** Its last day; null (or left out) while it runs without an end. */
  validUntil?: string | null;
  /** Valid today; left out, it is. */
  validToday?: boolean;
}

export interface RequirementResult {
  /** A stable name of the leaf, e.g. `credential:UPA` or `qualification:SARJANA_HUKUM`. */
  requirement: string;
  met: boolean;
  detail: string;
}

export interface Evaluation {
  met: boolean;
  /** Every leaf, met or not, in the order the requirement reads. */
  results: RequirementResult[];
}

const CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;
const MAX_DEPTH = 5;
const MAX_ITEMS = 50;

const leafName = (requirement: Requirement): string =>
  'credential' in requirement
    ? `credential:${requirement.credential}`
    : 'qualification' in requirement
      ? `qualification:${requirement.qualification.degrees?.join('|') ?? requirement.qualification.levels?.join('|') ?? 'any'}`
      : 'pledge' in requirement
        ? 'pledge'
        : 'fees' in requirement
          ? 'fees-paid'
          : 'applicationFee' in requirement
            ? 'application-fee'
            : 'minimumAge' in requirement
              ? `age:${requirement.minimumAge}`
              : 'declared' in requirement
                ? `declared:${requirement.declared}`
                : 'decided' in requirement
                  ? `decided:${requirement.decided}`
                  : 'group';

function describeQualification(
  q: Extract<Requirement, { qualification: unknown }>['qualification'],
) {
  const parts = [
    q.degrees?.length
      ? q.degrees.join(' or ')
      : q.levels?.length
        ? `a ${q.levels.join(' or ')} degree`
        : 'a degree',
    q.field ? `in ${q.field}` : '',
    q.accreditedInstitution ? 'from an accredited institution' : '',
  ];
  return `a verified qualification (${parts.filter(Boolean).join(' ')})`;
}

/** A month of a duration that adds up from several periods: a twelfth of 365 days. */
const daysOfMonths = (months: number) => Math.ceil((months * 365) / 12);

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** The days the periods cover, each day once. */
function daysCovered(periods: { from: string; to: string }[]): number {
  let days = 0;
  let reached = '';
  for (const { from, to } of [...periods].sort((a, b) => a.from.localeCompare(b.from))) {
    const start = reached && from <= reached ? addDays(reached, 1) : from;
    if (start <= to) days += daysBetween(start, to);
    if (to > reached) reached = to;
  }
  return days;
}

function credentialLeaf(
  requirement: Extract<Requirement, { credential: string }>,
  facts: RequirementFacts,
): RequirementResult {
  const { credential: code, heldForMonths, addUp } = requirement;
  const name = leafName(requirement);
  const held = facts.credentials.filter(
    (c) => c.typeCode === code && holdsFor(c.typeProfessionId, facts.professionId),
  );
  if (!heldForMonths) {
    const valid = held.some((c) => c.validToday !== false);
    return {
      requirement: name,
      met: valid,
      detail: valid
        ? `Holds a valid, verified ${code}`
        : `Needs a valid, verified ${code}; ${held.length ? 'the one on record is not valid today' : 'none is on record'}`,
    };
  }
  // A period that has ended counts to its last day; one still running, to yesterday: today is
  // not over, and a duration is reached the day after its last day.
  const yesterday = addDays(facts.today, -1);
  const periods = held.map((c) => ({
    from: c.validFrom,
    to: c.validUntil != null && c.validUntil < facts.today ? c.validUntil : yesterday,
  }));
  const what = addUp
    ? `a verified ${code} for at least ${heldForMonths} months in all`
    : `a verified ${code} held for at least ${heldForMonths} months without a break`;
  const spans = periods.map(({ from, to }) => `${from} to ${to}`).join(', ');
  if (!periods.length) {
    return { requirement: name, met: false, detail: `Needs ${what}; none is on record` };
  }
  if (addUp) {
    const days = daysCovered(periods);
    const needed = daysOfMonths(heldForMonths);
    return {
      requirement: name,
      met: days >= needed,
      detail:
        days >= needed
          ? `Holds ${what}: ${days} days (${spans})`
          : `Needs ${what} (${needed} days); ${days} days on record (${spans})`,
    };
  }
  const longest = periods.find(({ from, to }) => lastDayOfTerm(from, heldForMonths) <= to);
  if (longest) {
    return {
      requirement: name,
      met: true,
      detail: `Holds ${what}: ${longest.from} to ${longest.to}`,
    };
  }
  // One still running that will reach the duration, if it runs to its end.
  const running = held.find(
    (c) =>
      (c.validUntil ?? facts.today) >= facts.today &&
      (c.validUntil == null || lastDayOfTerm(c.validFrom, heldForMonths) <= c.validUntil),
  );
  return {
    requirement: name,
    met: false,
    detail: running
      ? `Needs ${what}; held since ${running.validFrom}, ${heldForMonths} months on ${addDays(lastDayOfTerm(running.validFrom, heldForMonths), 1)}`
      : `Needs ${what}; held ${spans}`,
  };
}

function evaluateLeaf(requirement: Requirement, facts: RequirementFacts): RequirementResult {
  if ('credential' in requirement) return credentialLeaf(requirement, facts);
  if ('qualification' in requirement) {
    const q = requirement.qualification;
    const fits = facts.qualifications.filter(
      (held) =>
        (!q.degrees?.length || (held.degreeCode !== null && q.degrees.includes(held.degreeCode))) &&
        (!q.levels?.length || (held.degreeLevel != null && q.levels.includes(held.degreeLevel))) &&
        (!q.field || held.field.trim().toLowerCase() === q.field.trim().toLowerCase()) &&
        (!q.accreditedInstitution || held.institutionAccredited),
    );
    const what = describeQualification(q);
    return {
      requirement: leafName(requirement),
      met: fits.length > 0,
      detail: fits.length
        ? `Holds ${what}: ${fits[0].degree}`
        : `Needs ${what}; ${
            facts.qualifications.length
              ? `verified on record: ${facts.qualifications.map((held) => `${held.degree} in ${held.field}${held.institutionAccredited ? '' : ' (institution not accredited)'}`).join('; ')}`
              : 'none verified is on record'
          }`,
    };
  }
  if ('pledge' in requirement) {
    const pledge = facts.pledge;
    if (pledge === undefined) throw new Error('A pledge requirement needs the pledge standing');
    return pledge === null
      ? {
          requirement: 'pledge',
          met: false,
          detail: 'Needs a pledge to the code of ethics; no version of the code is in force',
        }
      : {
          requirement: 'pledge',
          met: pledge.pledged,
          detail: pledge.pledged
            ? `Pledged to the code in force (${pledge.version})`
            : `Needs a pledge to the code in force (${pledge.version}); none is on record`,
        };
  }
  if ('fees' in requirement) {
    const fees = facts.fees;
    if (fees === undefined) throw new Error('A fees requirement needs the invoices overdue');
    return {
      requirement: 'fees-paid',
      met: fees.overdue === 0,
      detail:
        fees.overdue === 0
          ? 'Every invoice due by today is paid'
          : `Needs every invoice due by today paid; ${fees.overdue} overdue (${fees.overdueMinor} in minor units of ${fees.currency ?? 'the invoice currency'})`,
    };
  }
  if ('applicationFee' in requirement) {
    const fee = facts.applicationFee;
    if (fee === undefined) throw new Error('An application fee requirement needs the fee');
    return {
      requirement: 'application-fee',
      met: fee === 'paid',
      detail: fee === 'paid' ? 'The application fee is paid' : `The application fee is ${fee}`,
    };
  }
  return personLeaf(requirement, facts);
}

/** Whether a requirement names any fact of the person's own record: age, declarations, acts. */
export const namesPersonFacts = (requirement: Requirement): boolean =>
  names(requirement, 'minimumAge') ||
  names(requirement, 'declared') ||
  names(requirement, 'decided');

function personLeaf(requirement: Requirement, facts: RequirementFacts): RequirementResult {
  const person = facts.person;
  if (person === undefined) throw new Error('A requirement on the person needs their record');
  const name = leafName(requirement);
  if ('minimumAge' in requirement) {
    const years = requirement.minimumAge;
    if (!person.birthDate) {
      return {
        requirement: name,
        met: false,
        detail: `Needs to be at least ${years} years old; no birth date is on record`,
      };
    }
    const birthday = addDays(lastDayOfTerm(person.birthDate, years * 12), 1);
    return birthday <= facts.today
      ? {
          requirement: name,
          met: true,
          detail: `Is at least ${years} years old (born ${person.birthDate})`,
        }
      : {
          requirement: name,
          met: false,
          detail: `Needs to be at least ${years} years old; ${years} on ${birthday}`,
        };
  }
  if ('declared' in requirement) {
    const code = requirement.declared;
    const made = person.declarations.filter((declaration) => declaration.code === code);
    const confirmed = made.find((declaration) => declaration.outcome === 'confirmed');
    if (confirmed) {
      return {
        requirement: name,
        met: true,
        detail: `Declared ${code} on ${confirmed.declaredOn}, checked on ${confirmed.checkedOn}`,
      };
    }
    const latest = made.at(-1);
    return {
      requirement: name,
      met: false,
      detail: `Needs the declaration ${code}, checked; ${
        !latest
          ? 'none is on record'
          : latest.outcome === 'refuted'
            ? `the one of ${latest.declaredOn} was refuted on ${latest.checkedOn}`
            : `the one of ${latest.declaredOn} is not yet checked`
      }`,
    };
  }
  if ('decided' in requirement) {
    const code = requirement.decided;
    const act = person.acts.find((found) => found.code === code && found.decidedOn <= facts.today);
    return act
      ? {
          requirement: name,
          met: true,
          detail: `The association decided ${code} on ${act.decidedOn} (${act.reference})`,
        }
      : {
          requirement: name,
          met: false,
          detail: `Needs the association's decision ${code}; none is on record`,
        };
  }
  throw new Error('not a leaf');
}

/**
 * Whether a requirement asks for a pledge (fees, an age, a declaration, an act) anywhere, so that
 * fact is read only then.
 */
export function names(requirement: Requirement, leaf: GatheredLeaf): boolean {
  if ('all' in requirement) return requirement.all.some((part) => names(part, leaf));
  if ('any' in requirement) return requirement.any.some((part) => names(part, leaf));
  if ('atLeast' in requirement) return requirement.of.some((part) => names(part, leaf));
  return leaf in requirement;
}

/**
 * Evaluates a requirement on the facts: whether it is met, and its parts named. The parts of an
 * all-of each stand on their own; an any-of or at-least-N-of stands as one part, met or not as a
 * whole, its detail naming what it counted.
 */
export function evaluate(requirement: Requirement, facts: RequirementFacts): Evaluation {
  if ('all' in requirement) {
    const parts = requirement.all.map((part) => evaluate(part, facts));
    return { met: parts.every((part) => part.met), results: parts.flatMap((part) => part.results) };
  }
  if ('any' in requirement || 'atLeast' in requirement) {
    const of = 'any' in requirement ? requirement.any : requirement.of;
    const needed = 'any' in requirement ? 1 : requirement.atLeast;
    const parts = of.map((part) => evaluate(part, facts));
    const results = parts.flatMap((part) => part.results);
    const metCount = parts.filter((part) => part.met).length;
    const met = metCount >= needed;
    const name = `${needed === 1 ? 'any' : `at-least-${needed}`}-of(${results.map((r) => r.requirement).join(',')})`;
    const detail = met
      ? `Meets ${metCount} of ${needed === 1 ? 'these, where one is needed' : `these, where ${needed} are needed`}: ${results
          .filter((r) => r.met)
          .map((r) => r.detail)
          .join('; ')}`
      : `Needs ${needed === 1 ? 'one' : needed} of these, meets ${metCount}: ${results.map((r) => r.detail).join('; ')}`;
    return { met, results: [{ requirement: name, met, detail }] };
  }
  const result = evaluateLeaf(requirement, facts);
  return { met: result.met, results: [result] };
}

/** The credential type codes a requirement names, to check they exist. */
export function credentialCodesOf(requirement: Requirement): string[] {
  if ('all' in requirement) return requirement.all.flatMap(credentialCodesOf);
  if ('any' in requirement) return requirement.any.flatMap(credentialCodesOf);
  if ('atLeast' in requirement) return requirement.of.flatMap(credentialCodesOf);
  return 'credential' in requirement ? [requirement.credential] : [];
}

function levelsOf(requirement: Requirement): string[] {
  if ('all' in requirement) return requirement.all.flatMap(levelsOf);
  if ('any' in requirement) return requirement.any.flatMap(levelsOf);
  if ('atLeast' in requirement) return requirement.of.flatMap(levelsOf);
  return 'qualification' in requirement ? (requirement.qualification.levels ?? []) : [];
}

/** The degree codes a requirement names, to check they exist. */
export function degreeCodesOf(requirement: Requirement): string[] {
  if ('all' in requirement) return requirement.all.flatMap(degreeCodesOf);
  if ('any' in requirement) return requirement.any.flatMap(degreeCodesOf);
  if ('atLeast' in requirement) return requirement.of.flatMap(degreeCodesOf);
  return 'qualification' in requirement ? (requirement.qualification.degrees ?? []) : [];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with a requirement given as JSON, field by field (`issueRequirements.all[1]...`);
 * none when it is well formed.
 */
export function requirementErrors(value: unknown, path: string, depth = 1): FieldError[] {
  const error = (message: string, at = path): FieldError[] => [
    { field: at, message: `${at} ${message}` },
  ];
  if (!isObject(value))
    return error(
      'must be an object: {all}, {any}, {atLeast, of}, {credential}, {qualification}, {pledge}, {fees}, {applicationFee}, {minimumAge}, {declared} or {decided}',
    );
  const keys = Object.keys(value).sort().join(',');
  const group = (list: unknown, at: string): FieldError[] => {
    if (depth >= MAX_DEPTH) return error(`nests deeper than ${MAX_DEPTH} levels`, at);
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ITEMS) {
      return error(`must be a list of 1 to ${MAX_ITEMS} requirements`, at);
    }
    return list.flatMap((part, index) => requirementErrors(part, `${at}[${index}]`, depth + 1));
  };
  switch (keys) {
    case 'all':
      return group(value.all, `${path}.all`);
    case 'any':
      return group(value.any, `${path}.any`);
    case 'atLeast,of': {
      const inner = group(value.of, `${path}.of`);
      const n = value.atLeast;
      const size = Array.isArray(value.of) ? value.of.length : 0;
      return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= size
        ? inner
        : [
            ...error(
              `must be a whole number from 1 to the number of requirements in of`,
              `${path}.atLeast`,
            ),
            ...inner,
          ];
    }
    case 'credential':
    case 'credential,heldForMonths':
    case 'addUp,credential,heldForMonths': {
      const errors: FieldError[] = [];
      if (typeof value.credential !== 'string' || !CODE.test(value.credential)) {
        errors.push(...error('must be a credential type code such as STR', `${path}.credential`));
      }
      const months = value.heldForMonths;
      if (
        months !== undefined &&
        !(Number.isInteger(months) && (months as number) >= 1 && (months as number) <= 600)
      ) {
        errors.push(
          ...error('must be a whole number of months from 1 to 600', `${path}.heldForMonths`),
        );
      }
      if (value.addUp !== undefined && value.addUp !== true) {
        errors.push(...error('must be true: the periods of every record add up', `${path}.addUp`));
      }
      return errors;
    }
    case 'qualification': {
      const q = value.qualification;
      const at = `${path}.qualification`;
      if (!isObject(q))
        return error('must be an object: {degrees?, levels?, field?, accreditedInstitution?}', at);
      const unknown = Object.keys(q).filter(
        (key) => !['degrees', 'levels', 'field', 'accreditedInstitution'].includes(key),
      );
      const errors = unknown.flatMap((key) =>
        error('is not a qualification condition', `${at}.${key}`),
      );
      if (
        q.degrees !== undefined &&
        !(
          Array.isArray(q.degrees) &&
          q.degrees.length >= 1 &&
          q.degrees.length <= MAX_ITEMS &&
          q.degrees.every((code) => typeof code === 'string' && CODE.test(code))
        )
      ) {
        errors.push(...error('must be a list of degree codes such as DOKTER', `${at}.degrees`));
      }
      if (
        q.levels !== undefined &&
        !(
          Array.isArray(q.levels) &&
          q.levels.length >= 1 &&
          q.levels.length <= MAX_ITEMS &&
          q.levels.every((level) => typeof level === 'string' && /^[a-z_]{1,20}$/.test(level))
        )
      ) {
        errors.push(...error('must be a list of degree levels such as master', `${at}.levels`));
      }
      if (
        q.field !== undefined &&
        !(typeof q.field === 'string' && q.field.trim() !== '' && q.field.length <= 200)
      ) {
        errors.push(...error('must be a field of study of up to 200 characters', `${at}.field`));
      }
      if (q.accreditedInstitution !== undefined && typeof q.accreditedInstitution !== 'boolean') {
        errors.push(...error('must be true or false', `${at}.accreditedInstitution`));
      }
      return errors;
    }
    case 'pledge':
      return value.pledge === true
        ? []
        : error('must be true: a pledge to the code of ethics of the profession', `${path}.pledge`);
    case 'fees':
      return value.fees === 'paid'
        ? []
        : error('must be "paid": no invoice open past its due date', `${path}.fees`);
    case 'applicationFee':
      return value.applicationFee === 'paid'
        ? []
        : error('must be "paid": the fee of the application', `${path}.applicationFee`);
    case 'minimumAge':
      return Number.isInteger(value.minimumAge) &&
        (value.minimumAge as number) >= 1 &&
        (value.minimumAge as number) <= 120
        ? []
        : error('must be a whole number of years from 1 to 120', `${path}.minimumAge`);
    case 'declared':
    case 'decided': {
      const code = value[keys];
      return typeof code === 'string' && CODE.test(code)
        ? []
        : error(
            keys === 'declared'
              ? 'must be the code of a declaration such as NOT_CIVIL_SERVANT'
              : "must be the code of an association's act such as APPOINTMENT",
            `${path}.${keys}`,
          );
    }
    default:
      return error(
        'must have exactly one of: all, any, atLeast with of, credential, qualification, pledge, fees, applicationFee, minimumAge, declared, decided',
      );
  }
}

/** How a module looks up the names a requirement uses. */
export interface RequirementNames {
  credentialTypeCodes(): Promise<Set<string>>;
  degreeNames(codes: string[]): Promise<Map<string, string>>;
  degreeLevels: readonly string[];
}

/**
 * Everything wrong with a requirement given at `path`: its shape, then credential types and
 * degrees it names that the association does not have. Empty when it may be stored.
 */
export async function requirementProblems(
  requirement: unknown,
  path: string,
  names: RequirementNames,
): Promise<FieldError[]> {
  const errors = requirementErrors(requirement, path);
  if (errors.length) return errors;
  const well = requirement as Requirement;
  const types = await names.credentialTypeCodes();
  const unknownTypes = [...new Set(credentialCodesOf(well))].filter((code) => !types.has(code));
  const degrees = [...new Set(degreeCodesOf(well))];
  const known = await names.degreeNames(degrees);
  const unknownDegrees = degrees.filter((code) => !known.has(code));
  const unknownLevels = [...new Set(levelsOf(well))].filter(
    (level) => !names.degreeLevels.includes(level),
  );
  return [
    ...(unknownLevels.length
      ? [
          {
            field: path,
            message: `${path} names degree levels that do not exist: ${unknownLevels.join(', ')} (levels: ${names.degreeLevels.join(', ')})`,
          },
        ]
      : []),
    ...(unknownTypes.length
      ? [
          {
            field: path,
            message: `${path} names credential types that do not exist: ${unknownTypes.join(', ')}`,
          },
        ]
      : []),
    ...(unknownDegrees.length
      ? [
          {
            field: path,
            message: `${path} names degrees that do not exist (GET /degrees): ${unknownDegrees.join(', ')}`,
          },
        ]
      : []),
  ];
}

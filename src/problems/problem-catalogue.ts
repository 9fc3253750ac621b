import { ACCOUNTS_CONSTRAINTS, ACCOUNTS_PROBLEMS } from 'src/accounts/accounts.errors';
import { CHAPTERS_CONSTRAINTS, CHAPTERS_PROBLEMS } from 'src/chapters/chapters.errors';
import type { ConstraintProblems } from 'src/common/errors/database-errors';
import { COMMON_PROBLEMS, type ProblemType } from 'src/common/errors/problem-types';
import { CREDENTIALS_CONSTRAINTS, CREDENTIALS_PROBLEMS } from 'src/credentials/credentials.errors';
import { DUES_PROBLEMS } from 'src/dues/dues.errors';
import { EDUCATION_CONSTRAINTS, EDUCATION_PROBLEMS } from 'src/education/education.errors';
import { ETHICS_CONSTRAINTS, ETHICS_PROBLEMS } from 'src/ethics/ethics.errors';
import { EVIDENCE_PROBLEMS } from 'src/evidence/evidence.errors';
import { MEMBERSHIP_CONSTRAINTS, MEMBERSHIP_PROBLEMS } from 'src/membership/membership.errors';
import { PEOPLE_CONSTRAINTS, PEOPLE_PROBLEMS } from 'src/people/people.errors';
import { PROFESSIONS_CONSTRAINTS, PROFESSIONS_PROBLEMS } from 'src/professions/professions.errors';
import { SEED_PACKS_PROBLEMS } from 'src/seed-packs/seed-packs.errors';
import { CASES_CONSTRAINTS, CASES_PROBLEMS } from 'src/cases/cases.errors';
import { CPD_CONSTRAINTS, CPD_PROBLEMS } from 'src/cpd/cpd.errors';
import { RENEWALS_CONSTRAINTS, RENEWALS_PROBLEMS } from 'src/renewals/renewals.errors';
import { LETTERS_PROBLEMS } from 'src/letters/letters.errors';
import { REMINDERS_CONSTRAINTS, REMINDERS_PROBLEMS } from 'src/reminders/reminders.errors';
import {
  VOLUNTEERING_CONSTRAINTS,
  VOLUNTEERING_PROBLEMS,
} from 'src/volunteering/volunteering.errors';

const CATALOGUES = [
  COMMON_PROBLEMS,
  ACCOUNTS_PROBLEMS,
  PEOPLE_PROBLEMS,
  EDUCATION_PROBLEMS,
  CREDENTIALS_PROBLEMS,
  MEMBERSHIP_PROBLEMS,
  DUES_PROBLEMS,
  ETHICS_PROBLEMS,
  CHAPTERS_PROBLEMS,
  EVIDENCE_PROBLEMS,
  PROFESSIONS_PROBLEMS,
  SEED_PACKS_PROBLEMS,
  CASES_PROBLEMS,
  CPD_PROBLEMS,
  RENEWALS_PROBLEMS,
  LETTERS_PROBLEMS,
  REMINDERS_PROBLEMS,
  VOLUNTEERING_PROBLEMS,
] as const;

type Codes<T> = T extends readonly [infer First, ...infer Rest] ? keyof First | Codes<Rest> : never;

/** A code two modules both declare does not compile: each `type` URI means one thing. */
type SharedCodes<T> = T extends readonly [infer First, ...infer Rest]
  ? (keyof First & Codes<Rest>) | SharedCodes<Rest>
  : never;
const eachCodeOnce: [SharedCodes<typeof CATALOGUES>] extends [never] ? true : never = true;
void eachCodeOnce;

export type ProblemCode = Codes<typeof CATALOGUES>;

/** Every problem type Guildhall answers with, served at /problems. */
export const PROBLEM_CATALOGUE: Readonly<Record<ProblemCode, ProblemType>> = Object.assign(
  {},
  ...CATALOGUES,
) as Record<ProblemCode, ProblemType>;

/** Every constraint with a problem of its own, from the module that owns its table. */
export const CONSTRAINT_PROBLEMS: ConstraintProblems = {
  ...ACCOUNTS_CONSTRAINTS,
  ...PEOPLE_CONSTRAINTS,
  ...CHAPTERS_CONSTRAINTS,
  ...PROFESSIONS_CONSTRAINTS,
  ...EDUCATION_CONSTRAINTS,
  ...CREDENTIALS_CONSTRAINTS,
  ...ETHICS_CONSTRAINTS,
  ...RENEWALS_CONSTRAINTS,
  ...VOLUNTEERING_CONSTRAINTS,
  ...MEMBERSHIP_CONSTRAINTS,
  ...CASES_CONSTRAINTS,
  ...CPD_CONSTRAINTS,
  ...REMINDERS_CONSTRAINTS,
};

import { problemsOf } from 'src/common/errors/app-error';
import type { ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const PEOPLE_PROBLEMS = {
  'national-id-taken': { status: 409, title: 'The national ID number is already recorded' },
  'declaration-checked': {
    status: 409,
    title: 'The declaration has been checked already: a new one is made to be checked again',
  },
  'act-already-recorded': {
    status: 409,
    title: "The association's act is already recorded for the person under that reference",
  },
} as const satisfies ProblemCatalogue;

export class PeopleError extends problemsOf(PEOPLE_PROBLEMS) {}

export const PEOPLE_CONSTRAINTS: ConstraintProblems = {
  uq_persons_national_id: () =>
    new PeopleError(
      'national-id-taken',
      'A person with this national ID number is already recorded',
    ),
  uq_association_acts_person_code_reference: () =>
    new PeopleError(
      'act-already-recorded',
      'This act is already recorded for the person under that reference',
    ),
};

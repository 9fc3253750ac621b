import { AppError, problemsOf } from 'src/common/errors/app-error';
import type { ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const PEOPLE_PROBLEMS = {
  'national-id-taken': { status: 409, title: 'The national ID number is already recorded' },
} as const satisfies ProblemCatalogue;

export class PeopleError extends problemsOf(PEOPLE_PROBLEMS) {}

export const PEOPLE_CONSTRAINTS: ConstraintProblems = {
  uq_persons_national_id: () =>
    new PeopleError(
      'national-id-taken',
      'A person with this national ID number is already recorded',
    ),
  fk_persons_chapter_id: () => new AppError('reference-conflict', 'The chapter does not exist'),
};

import { AppError, problemsOf } from 'src/common/errors/app-error';
import { taken, type ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const PROFESSIONS_PROBLEMS = {
  'profession-inactive': {
    status: 409,
    title: 'The profession is switched off: nothing new may point to it',
  },
} as const satisfies ProblemCatalogue;

export class ProfessionsError extends problemsOf(PROFESSIONS_PROBLEMS) {}

export const PROFESSIONS_CONSTRAINTS: ConstraintProblems = {
  uq_professions_code: taken('A profession with this code already exists', 'code'),
  uq_professions_name: () =>
    new AppError(
      'duplicate',
      'A profession with this name already exists (spacing and case aside)',
    ),
  uq_specialities_profession_code: () =>
    new AppError('duplicate', 'This profession already has a speciality with this code'),
  uq_specialities_profession_name: () =>
    new AppError(
      'duplicate',
      'This profession already has a speciality with this name (spacing and case aside)',
    ),
};

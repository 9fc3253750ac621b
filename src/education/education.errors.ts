import { AppError, problemsOf } from 'src/common/errors/app-error';
import { taken, type ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const EDUCATION_PROBLEMS = {
  'qualification-verified': {
    status: 409,
    title: 'A verified qualification can no longer be changed',
  },
  'qualification-reviewed': { status: 409, title: 'The qualification has already been reviewed' },
} as const satisfies ProblemCatalogue;

export class EducationError extends problemsOf(EDUCATION_PROBLEMS) {}

export const EDUCATION_CONSTRAINTS: ConstraintProblems = {
  pk_degrees: taken('A degree with this code already exists', 'code'),
  uq_institutions_name_country: () =>
    new AppError('duplicate', 'An institution with this name is already recorded for this country'),
  uq_qualifications_institution_diploma: () =>
    new AppError('duplicate', 'This diploma number of this institution is already recorded'),
  fk_qualifications_person_id: () =>
    new AppError('reference-conflict', 'The person does not exist'),
  fk_qualifications_institution_id: () =>
    new AppError('reference-conflict', 'The institution does not exist'),
};

import { AppError, problemsOf } from 'src/common/errors/app-error';
import type { ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const ETHICS_PROBLEMS = {
  'code-version-out-of-order': {
    status: 409,
    title: 'A new version of the code must take effect after the latest one',
  },
  'code-version-settled': {
    status: 409,
    title: 'This version of the code has taken effect or been withdrawn: it is no longer corrected',
  },
  'profession-required': {
    status: 400,
    title: 'The association has several professions: name the one whose code this is',
  },
  'code-version-superseded': {
    status: 409,
    title: 'This version of the code has been replaced; pledge to the code in force',
  },
} as const satisfies ProblemCatalogue;

export class EthicsError extends problemsOf(ETHICS_PROBLEMS) {}

export const ETHICS_CONSTRAINTS: ConstraintProblems = {
  uq_ethics_code_versions_profession_version: () =>
    new AppError('duplicate', "A version of this profession's code with this name already exists"),
  uq_ethics_code_versions_profession_effective_from: () =>
    new AppError(
      'duplicate',
      "A version of this profession's code already takes effect on this date",
    ),
  fk_ethics_code_versions_profession_id: () =>
    new AppError('reference-conflict', 'The profession does not exist'),
  uq_ethics_pledges_person_version: () =>
    new AppError('duplicate', 'This person has already pledged to this version of the code'),
  fk_ethics_pledges_person_id: () =>
    new AppError('reference-conflict', 'The person does not exist'),
};

import { AppError, problemsOf } from 'src/common/errors/app-error';
import type { ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const CHAPTERS_PROBLEMS = {
  'chapter-tree-loop': {
    status: 409,
    title: 'A chapter cannot be placed under itself or under a chapter within it',
  },
} as const satisfies ProblemCatalogue;

export class ChaptersError extends problemsOf(CHAPTERS_PROBLEMS) {}

export const CHAPTERS_CONSTRAINTS: ConstraintProblems = {
  fk_chapters_parent_id: () =>
    new AppError('reference-conflict', 'The parent chapter does not exist'),
};

import { AppError } from 'src/common/errors/app-error';
import type { ConstraintProblems } from 'src/common/errors/database-errors';

export const CHAPTERS_CONSTRAINTS: ConstraintProblems = {
  fk_chapters_parent_id: () =>
    new AppError('reference-conflict', 'The parent chapter does not exist'),
};

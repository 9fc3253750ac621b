import { AppError, problemsOf } from 'src/common/errors/app-error';
import { taken, type ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const REMINDERS_PROBLEMS = {
  'reminder-step-refused': {
    status: 422,
    title: 'The reminder step cannot hold for what it names, or be sent when it says',
  },
} as const satisfies ProblemCatalogue;

export class RemindersError extends problemsOf(REMINDERS_PROBLEMS) {}

const unknown = (field: string, what: string) => () =>
  new AppError('validation-failed', `Check these fields: ${field}`, {
    errors: [{ field, message: `${field} names no ${what}` }],
  });

export const REMINDERS_CONSTRAINTS: ConstraintProblems = {
  uq_reminder_steps_profession_code: taken(
    'This profession (or, with none named, the association) has a reminder step with this code',
    'code',
  ),
  fk_reminder_steps_profession_id: unknown('professionId', 'profession'),
  fk_reminder_steps_credential_type_id: unknown('credentialTypeId', 'credential type'),
  fk_reminder_steps_category_id: unknown('categoryId', 'membership category'),
};

import { AppError, problemsOf } from 'src/common/errors/app-error';
import type { ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const ACCOUNTS_PROBLEMS = {
  'invalid-credentials': { status: 401, title: 'Email or password is wrong' },
  'invalid-refresh-token': { status: 401, title: 'The refresh token is not valid' },
  'refresh-token-reused': { status: 401, title: 'A spent refresh token was presented again' },
  'account-locked': { status: 423, title: 'The account is locked' },
  'account-disabled': { status: 403, title: 'The account is disabled' },
  'email-taken': { status: 409, title: 'The email address is already in use' },
  'last-admin': { status: 409, title: 'The last active admin cannot be removed' },
  'member-without-person': { status: 409, title: 'A member account needs a linked person record' },
} as const satisfies ProblemCatalogue;

export class AccountsError extends problemsOf(ACCOUNTS_PROBLEMS) {}

export const ACCOUNTS_CONSTRAINTS: ConstraintProblems = {
  uq_accounts_email: () =>
    new AccountsError('email-taken', 'An account with this email already exists'),
  fk_accounts_person_id: () => new AppError('reference-conflict', 'The person does not exist'),
  fk_accounts_scope_profession_id: () =>
    new AppError('reference-conflict', 'The profession of the scope does not exist'),
  fk_accounts_scope_chapter_id: () =>
    new AppError('reference-conflict', 'The chapter of the scope does not exist'),
};

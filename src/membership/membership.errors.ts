import { problemsOf } from 'src/common/errors/app-error';
import { taken, type ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const MEMBERSHIP_PROBLEMS = {
  'category-not-open': {
    status: 409,
    title: 'This membership category is conferred by the association, not applied for',
  },
  'application-outside-scope': {
    status: 403,
    title: "The category or chapter is outside this staff account's profession or chapter",
  },
  'category-inactive': {
    status: 409,
    title: 'This membership category is switched off: it takes no new applications',
  },
  'application-status-refused': {
    status: 409,
    title: 'The application cannot take this status from the one it has',
  },
  'pipeline-checks-failed': {
    status: 422,
    title: 'The membership requirements are not met; each unmet check is named',
  },
  'membership-status-refused': {
    status: 409,
    title: 'The membership cannot take this status from the one it has',
  },
  'status-run-in-progress': {
    status: 409,
    title: 'A membership status run is already in progress',
  },
  'import-rejected': {
    status: 422,
    title: 'The import was not committed: rows have errors, listed by row and column',
  },
} as const satisfies ProblemCatalogue;

export class MembershipError extends problemsOf(MEMBERSHIP_PROBLEMS) {}

export const MEMBERSHIP_CONSTRAINTS: ConstraintProblems = {
  uq_membership_categories_profession_code: taken(
    'This profession already has a membership category with this code',
    'code',
  ),
};

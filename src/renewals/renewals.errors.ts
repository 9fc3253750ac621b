import { problemsOf } from 'src/common/errors/app-error';
import type { ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const RENEWALS_PROBLEMS = {
  'renewal-window-closed': {
    status: 409,
    title: 'The renewal window is not open: the answer names the day it opens or closed',
  },
  'renewal-not-renewable': {
    status: 409,
    title: 'This is not renewed here (issued elsewhere, valid for life, or ended for good)',
  },
  'renewal-open': {
    status: 409,
    title: 'A renewal of this is already waiting for a decision',
  },
  'renewal-decided': {
    status: 409,
    title: 'The renewal request is decided already',
  },
  'renewal-requirements-unmet': {
    status: 422,
    title: 'The requirements of a renewal are not all met; each unmet one is named',
  },
} as const satisfies ProblemCatalogue;

export class RenewalsError extends problemsOf(RENEWALS_PROBLEMS) {}

export const RENEWALS_CONSTRAINTS: ConstraintProblems = {
  uq_renewal_requests_open_credential: () =>
    new RenewalsError(
      'renewal-open',
      'A renewal of this credential is already waiting for a decision',
    ),
  uq_renewal_requests_open_membership: () =>
    new RenewalsError(
      'renewal-open',
      'A renewal of this membership is already waiting for a decision',
    ),
  uq_renewal_requests_approved_credential: () =>
    new RenewalsError('renewal-decided', 'This credential was renewed from that expiry already'),
  uq_renewal_requests_approved_membership: () =>
    new RenewalsError('renewal-decided', 'This membership was renewed from that expiry already'),
};

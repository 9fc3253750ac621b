import { problemsOf } from 'src/common/errors/app-error';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const DUES_PROBLEMS = {
  'invoice-closed': { status: 409, title: 'The invoice is already paid or waived' },
  overpayment: { status: 422, title: 'The payment is more than the invoice still owes' },
} as const satisfies ProblemCatalogue;

export class DuesError extends problemsOf(DUES_PROBLEMS) {}

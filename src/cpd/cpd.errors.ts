import { problemsOf } from 'src/common/errors/app-error';
import { taken, type ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const CPD_PROBLEMS = {
  'cpd-policy-invalid': {
    status: 422,
    title: 'The CPD policy contradicts itself',
  },
  'cpd-policy-exists': {
    status: 409,
    title: 'The CPD policy already has a version from that day',
  },
  'cpd-unknown-domain': {
    status: 422,
    title: 'No CPD policy counts credits of that domain',
  },
  'cpd-claim-not-open': {
    status: 409,
    title: 'The claim is not where that step can be taken',
  },
  'cpd-provider-not-accredited': {
    status: 409,
    title: 'The provider is not accredited for those dates',
  },
  'cpd-activity-not-held': {
    status: 409,
    title: 'The activity has not ended yet: its attendance comes after it',
  },
  'cpd-roster-invalid': {
    status: 422,
    title: 'The roster has bad rows (each named); nothing was recorded',
  },
  'cpd-policy-ambiguous': {
    status: 422,
    title: 'Several professions have a CPD policy of that code',
  },
  'cpd-policy-not-audited': {
    status: 422,
    title: 'No CPD policy of that code has holders to audit',
  },
  'cpd-credit-removed': {
    status: 409,
    title: 'The credit was removed already',
  },
  'cpd-audit-decided': {
    status: 409,
    title: "The audit's outcome for the person is recorded already",
  },
} as const satisfies ProblemCatalogue;

export class CpdError extends problemsOf(CPD_PROBLEMS) {}

export const CPD_CONSTRAINTS: ConstraintProblems = {
  uq_cpd_policies_profession_code_effective_from: taken(
    'A version of this policy of this profession already takes effect on this day',
    'code',
    'effectiveFrom',
  ),
};

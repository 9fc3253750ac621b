import { problemsOf } from 'src/common/errors/app-error';
import type { ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const VOLUNTEERING_PROBLEMS = {
  'program-closed': {
    status: 409,
    title: 'The program is closed: it takes no new volunteers or sign-ups',
  },
  'volunteer-requirements-unmet': {
    status: 422,
    title: 'The volunteer does not meet what the program or role requires; the reason is named',
  },
  'volunteer-already-applied': {
    status: 409,
    title: 'This person has applied to the program already',
  },
  'volunteer-not-approved': {
    status: 409,
    title: 'Only an approved volunteer of the program signs up for its shifts or logs hours',
  },
  'volunteer-decision-not-allowed': {
    status: 409,
    title: 'A volunteer moves applicant -> approved -> archived; this move is not one of them',
  },
  'shift-signed-up': {
    status: 409,
    title: 'The volunteer is on this shift already (confirmed or waiting)',
  },
  'signup-cancelled': { status: 409, title: 'The sign-up is cancelled already' },
  'hours-decided': { status: 409, title: 'The hours are decided already' },
  'hours-not-correctable': {
    status: 409,
    title:
      'Only approved hours not corrected before are corrected, by an entry of the same volunteer',
  },
  'proposal-decided': { status: 409, title: 'The credit proposal is decided already' },
  'reason-required': { status: 422, title: 'This decision needs a reason' },
  'credit-rule-exists': {
    status: 409,
    title: 'A volunteering credit rule starts on that day already',
  },
} as const satisfies ProblemCatalogue;

export class VolunteeringError extends problemsOf(VOLUNTEERING_PROBLEMS) {}

export const VOLUNTEERING_CONSTRAINTS: ConstraintProblems = {
  uq_volunteers_program_id_person_id: () =>
    new VolunteeringError(
      'volunteer-already-applied',
      'This person has applied to the program already',
    ),
  uq_shift_signups_live: () =>
    new VolunteeringError('shift-signed-up', 'The volunteer is on this shift already'),
  uq_volunteer_hours_superseded_by_id: () =>
    new VolunteeringError('hours-not-correctable', 'These hours were corrected already'),
  uq_volunteer_credit_rules_effective_from: () =>
    new VolunteeringError('credit-rule-exists', 'A credit rule starts on that day already'),
};

import { problemsOf } from 'src/common/errors/app-error';
import { taken, type ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const CASES_PROBLEMS = {
  'respondent-not-found': {
    status: 422,
    title: 'No member or credential has the number the complaint names',
  },
  'respondent-unmatched': {
    status: 409,
    title:
      'The complaint is not yet matched to a professional: match it before a sanction takes effect',
  },
  'respondent-required': {
    status: 400,
    title: 'A complaint names the professional by member number or credential number',
  },
  'sanction-not-referred': {
    status: 409,
    title: 'The panel decides this sanction itself: no other body rules on it',
  },
  'sanction-ruled': {
    status: 409,
    title: 'The ruling on this sanction is recorded already',
  },
  'case-move-refused': {
    status: 409,
    title: 'The case cannot move there from where it stands',
  },
  'case-closed': {
    status: 409,
    title: 'The case is closed: nothing more is added to it',
  },
  'officer-recused': {
    status: 409,
    title: 'The officer is recused from this case: a conflict of interest keeps them off it',
  },
  'clock-not-running': {
    status: 409,
    title: 'That clock is not running on the case, or is not in the state the action needs',
  },
  'respondent-already-matched': {
    status: 409,
    title: "The case's respondent is already matched to a person record",
  },
  'person-not-found': {
    status: 422,
    title: 'No person record has the id given',
  },
  'complaint-evidence-full': {
    status: 409,
    title: 'The complaint has as many evidence files from its complainant as it takes',
  },
  'notice-required': {
    status: 409,
    title:
      'A hearing or a decision needs the respondent notified, or the reason why no notice could be served',
  },
  'appeal-window-open': {
    status: 409,
    title:
      "The decision becomes final once its appeal window has closed, or earlier with the respondent's written waiver",
  },
  'appeal-window-closed': {
    status: 409,
    title: 'The appeal window has closed: an appeal needs an extension recorded with its reason',
  },
  'procedure-in-force': {
    status: 409,
    title: 'The version of the procedure is in force: a change is a new version',
  },
  'not-an-ethics-officer': {
    status: 422,
    title: 'Only an ethics officer is assigned to a case',
  },
} as const satisfies ProblemCatalogue;

export class CasesError extends problemsOf(CASES_PROBLEMS) {}

export const CASES_CONSTRAINTS: ConstraintProblems = {
  uq_sanction_types_profession_code: taken(
    'This profession (or, with none named, the association) has a sanction type with this code',
    'code',
  ),
  uq_case_procedures_profession_version: taken(
    'This profession (or, with none named, the association) has a procedure of this version',
    'version',
  ),
  uq_case_procedures_profession_effective_from: taken(
    'A procedure already takes effect on this day',
    'effectiveFrom',
  ),
};

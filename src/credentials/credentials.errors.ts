import { AppError, problemsOf } from 'src/common/errors/app-error';
import { taken, type ConstraintProblems } from 'src/common/errors/database-errors';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const CREDENTIALS_PROBLEMS = {
  'credential-outside-scope': {
    status: 403,
    title: "This account is scoped to a profession: the credential type is another profession's",
  },
  'credential-issued-elsewhere': {
    status: 409,
    title: 'This credential type is issued by another authority: record it, do not issue it',
  },
  'credential-issued-here': {
    status: 409,
    title: 'This credential type is issued by the association: issue it, do not record it',
  },
  'verification-decided': {
    status: 409,
    title: 'The credential has already been verified or rejected',
  },
  'resubmission-refused': {
    status: 409,
    title: 'Only a rejected recorded credential is corrected and resubmitted',
  },
  'no-certificate': { status: 409, title: 'This credential has no certificate from Guildhall' },
  'issued-on-admission': {
    status: 409,
    title:
      'This credential type is the membership card: it is issued on admission, with the member number',
  },
  'expired-on-issue': {
    status: 422,
    title:
      'A credential issued here must be in force when issued: its validity would already have ended',
  },
  'issue-requirements-unmet': {
    status: 409,
    title: 'The person does not meet what this credential type needs before it is issued',
  },
  'credential-type-inactive': {
    status: 409,
    title: 'The credential type is switched off: nothing new is issued or recorded under it',
  },
  'holder-without-chapter': {
    status: 409,
    title: "Numbers of this type carry the holder's chapter, and the holder has none",
  },
  'credential-limit-reached': {
    status: 409,
    title: 'The person already holds as many valid credentials of this type as allowed',
  },
  'place-held': {
    status: 409,
    title: 'The person holds a credential of this type for this place of practice already',
  },
  'supersede-refused': {
    status: 409,
    title:
      'Only a verified credential of the same person and profession, in force or expired, is superseded by a new one',
  },
  'credential-not-per-place': {
    status: 409,
    title: 'The credential is not issued for a place of practice',
  },
  'credential-status-refused': {
    status: 409,
    title: 'The credential cannot take this status from the one it has',
  },
  'number-format-required': {
    status: 409,
    title: 'A credential type issued by the association needs a number format',
  },
} as const satisfies ProblemCatalogue;

export class CredentialsError extends problemsOf(CREDENTIALS_PROBLEMS) {}

export const CREDENTIALS_CONSTRAINTS: ConstraintProblems = {
  uq_credentials_number: () =>
    new AppError('duplicate', 'A credential with this number is already recorded'),
  uq_credential_types_profession_code: taken(
    'This profession already has a credential type with this code',
    'code',
  ),
  fk_credentials_person_id: () => new AppError('reference-conflict', 'The person does not exist'),
  fk_credentials_credential_type_id: () =>
    new AppError('reference-conflict', 'The credential type does not exist'),
};

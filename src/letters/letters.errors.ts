import { problemsOf } from 'src/common/errors/app-error';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const LETTERS_PROBLEMS = {
  'letter-refused': {
    status: 422,
    title:
      'No letter: the member is not in good standing with every requirement met; each unmet one is named',
  },
} as const satisfies ProblemCatalogue;

export class LettersError extends problemsOf(LETTERS_PROBLEMS) {}

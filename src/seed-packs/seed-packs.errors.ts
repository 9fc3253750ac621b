import { problemsOf } from 'src/common/errors/app-error';
import type { ProblemCatalogue } from 'src/common/errors/problem-types';

export const SEED_PACKS_PROBLEMS = {
  'seed-pack-refused': {
    status: 422,
    title: 'A part of the configuration pack was refused: nothing of the pack was loaded',
  },
  'seed-pack-clash': {
    status: 409,
    title:
      'The pack names an item that belongs to another profession: nothing of the pack was loaded',
  },
} as const satisfies ProblemCatalogue;

export class SeedPacksError extends problemsOf(SEED_PACKS_PROBLEMS) {}
